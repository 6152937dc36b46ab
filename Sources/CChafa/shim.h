#ifndef CCHAFA_SHIM_H
#define CCHAFA_SHIM_H

/* libchafa turns pixels into terminal cells (a symbol, a foreground and a background colour). */
#include <chafa.h>

#endif
