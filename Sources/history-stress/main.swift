print("history-stress bootstrap")
