#ifndef CLIBPNG_SHIM_H
#define CLIBPNG_SHIM_H

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Decoding a PNG row by row, as RGBA with 8 bits a channel, from an open file descriptor.
 *
 * libpng reports errors by longjmp to a setjmp in its caller, which Swift cannot be; so the
 * whole read happens in this C function, and Swift sees only callbacks (which return before
 * libpng can jump) and a status. Rows are handed over as they are decoded, so an image of any
 * size is never held whole: an interlaced image's passes come as rows of every 8th, 4th or
 * 2nd pixel, each with the columns and the row it belongs to.
 */

/* Called once, before any row, with the image's size. Nonzero refuses the image (no row follows). */
typedef int (*cpng_header_fn)(void *context, unsigned int width, unsigned int height, int interlaced);
/* Called for each decoded row: `count` RGBA pixels for the columns first, first + step, ...
 * of image row `y`. Nonzero stops the decoding (cancelled). */
typedef int (*cpng_row_fn)(void *context, const unsigned char *rgba, unsigned int y,
                           unsigned int first, unsigned int step, unsigned int count);

/* Called as each 64 KiB of the file is read: nonzero stops the decoding (cancelled). libpng
 * reads every chunk before the first row (millions of small ones in a damaged file), and no
 * row callback is called meanwhile. */
typedef int (*cpng_cancelled_fn)(void *context);

typedef struct {
    int fd;
    char message[256];
    /* Read ahead: libpng asks for a chunk's 8-byte head, its data and its CRC in three calls,
     * each a system call without it (105 MB of 15-byte chunks took 17 s, 0.3 s buffered). */
    unsigned char buffer[65536];
    size_t start, end;
    cpng_cancelled_fn cancelled;
    void *context;
    int stopped;
} cpng_reader;

static void cpng_fail(png_structp png, png_const_charp message) {
    cpng_reader *reader = (cpng_reader *)png_get_error_ptr(png);
    if (reader->message[0] == 0) snprintf(reader->message, sizeof reader->message, "%s", message);
    png_longjmp(png, 1);
}

static void cpng_ignore_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void cpng_read(png_structp png, png_bytep data, size_t length) {
    cpng_reader *reader = (cpng_reader *)png_get_io_ptr(png);
    size_t done = 0;
    while (done < length) {
        if (reader->start == reader->end) {
            if (reader->cancelled(reader->context) != 0) {
                reader->stopped = 1;
                png_longjmp(png, 1);
            }
            ssize_t got = read(reader->fd, reader->buffer, sizeof reader->buffer);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) {
                snprintf(reader->message, sizeof reader->message, "the file cannot be read: %s", strerror(errno));
                png_longjmp(png, 1);
            }
            if (got == 0) {
                snprintf(reader->message, sizeof reader->message, "the file is cut short");
                png_longjmp(png, 1);
            }
            reader->start = 0;
            reader->end = (size_t)got;
        }
        size_t step = reader->end - reader->start < length - done ? reader->end - reader->start : length - done;
        memcpy(data + done, reader->buffer + reader->start, step);
        reader->start += step;
        done += step;
    }
}

/*
 * Decodes the PNG read from `fd` (from its current offset). Returns 0 when every row was
 * delivered, 1 when a callback stopped it, -1 on an error, with the reason in `message`.
 */
static inline int cpng_decode(int fd, void *context, cpng_header_fn header, cpng_row_fn row,
                              cpng_cancelled_fn cancelled, char *message, size_t message_size) {
    /* On the heap: its read-ahead buffer is large for a stack of a thread not the main one. */
    cpng_reader *volatile reader = (cpng_reader *)malloc(sizeof(cpng_reader));
    if (reader == NULL) {
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    reader->fd = fd;
    reader->message[0] = 0;
    reader->start = reader->end = 0;
    reader->cancelled = cancelled;
    reader->context = context;
    reader->stopped = 0;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, cpng_fail, cpng_ignore_warning);
    if (png == NULL) {
        free(reader);
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    unsigned char *volatile buffer = NULL;
    volatile int status = 0;
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        free(reader);
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        int stopped = reader->stopped;
        snprintf(message, message_size, "%s", reader->message[0] ? reader->message : "the PNG is damaged");
        free(buffer);
        png_destroy_read_struct(&png, &info, NULL);
        free(reader);
        return stopped ? 1 : -1;
    }
    png_set_read_fn(png, reader, cpng_read);
    /* Our own size limit is checked in the header callback; libpng's would stop earlier. */
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    /* A text chunk may claim up to 2 GiB in an 85-byte file, and libpng allocates (and
       zeroes) what it claims before reading it (a limit set with png_set_chunk_malloc_max is
       only a warning on read). Every chunk but IHDR, PLTE, tRNS, IDAT and IEND (-1 says so) is
       skipped instead, read through a small buffer: a thumbnail has no use for them, and the
       eXIf orientation is read by PNGHeader. */
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
    png_read_info(png, info);
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    int interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    if (header(context, width, height, interlaced) != 0) {
        png_destroy_read_struct(&png, &info, NULL);
        free(reader);
        return 1;
    }
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    png_read_update_info(png, info);
    buffer = (unsigned char *)malloc((size_t)width * 4);
    if (buffer == NULL) {
        png_destroy_read_struct(&png, &info, NULL);
        free(reader);
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    /* Without png_set_interlace_handling, libpng returns an interlaced image's rows pass by
     * pass, each as narrow as its pass; empty passes are skipped. */
    int passes = interlaced ? 7 : 1;
    for (int pass = 0; pass < passes && status == 0; pass++) {
        png_uint_32 rows = interlaced ? PNG_PASS_ROWS(height, pass) : height;
        png_uint_32 columns = interlaced ? PNG_PASS_COLS(width, pass) : width;
        if (rows == 0 || columns == 0) continue;
        unsigned int first_row = interlaced ? PNG_PASS_START_ROW(pass) : 0;
        unsigned int row_step = interlaced ? PNG_PASS_ROW_OFFSET(pass) : 1;
        unsigned int first_column = interlaced ? PNG_PASS_START_COL(pass) : 0;
        unsigned int column_step = interlaced ? PNG_PASS_COL_OFFSET(pass) : 1;
        for (png_uint_32 index = 0; index < rows; index++) {
            png_read_row(png, buffer, NULL);
            if (row(context, buffer, first_row + index * row_step, first_column, column_step, columns) != 0) {
                status = 1;
                break;
            }
        }
    }
    free(buffer);
    png_destroy_read_struct(&png, &info, NULL);
    free(reader);
    return status;
}

#endif
