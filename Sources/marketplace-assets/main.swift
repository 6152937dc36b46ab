print("bootstrap: the CLI is being integrated")
