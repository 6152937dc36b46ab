#ifndef CGIFLIB_SHIM_H
#define CGIFLIB_SHIM_H

/* giflib 5 reports errors by return values, so Swift calls it directly. It has no pkg-config file. */
#include <gif_lib.h>

#endif
