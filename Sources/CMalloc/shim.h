// glibc's malloc tuning (mallopt), which Swift's Glibc module does not import: the command line
// sets how many arenas malloc keeps (see MarketplaceAssetsCommand.main).
#include <malloc.h>
