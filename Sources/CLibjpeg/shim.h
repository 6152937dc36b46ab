#ifndef CLIBJPEG_SHIM_H
#define CLIBJPEG_SHIM_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jpeglib.h>
#include <jerror.h>

/*
 * Decoding a JPEG row by row, as RGBA with 8 bits a channel, at 1/1, 1/2, 1/4 or 1/8 of its
 * size (libjpeg-turbo's scaled decoding: the inverse DCT itself makes the smaller image, so a
 * 6000×4000 photo decodes as 750×500 for about a sixtieth of the work).
 *
 * libjpeg reports errors by calling a function that must not return; here it jumps back to
 * this C function (Swift cannot be jumped into), which returns a status and a message.
 * A file that ends early is an error too, not the grey fill libjpeg would show.
 */

/* Called once with the image's size; sets *scale_denominator (1, 2, 4 or 8). Nonzero refuses it. */
typedef int (*cjpeg_header_fn)(void *context, unsigned int width, unsigned int height, int progressive,
                               unsigned int *scale_denominator);
/* Called once before the first row, with the size of the rows that follow. Nonzero stops. */
typedef int (*cjpeg_start_fn)(void *context, unsigned int width, unsigned int height);
/* Called for each row of `width` RGBA pixels. Nonzero stops the decoding (cancelled). */
typedef int (*cjpeg_row_fn)(void *context, const unsigned char *rgba, unsigned int y, unsigned int width);

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX + 64];
} cjpeg_error;

static void cjpeg_fail(j_common_ptr info) {
    cjpeg_error *error = (cjpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

/* Warnings that mean the data ended early, or that the compressed data is corrupt (bits
   flipped: libjpeg decodes on and shows garbage, silently), are errors here; other warnings
   (an unknown JFIF version, a bogus ICC profile) are ignored, and so are bytes before the
   end-of-image marker, which some encoders pad with (the image decodes whole). */
static void cjpeg_message(j_common_ptr info, int level) {
    cjpeg_error *error = (cjpeg_error *)info->err;
    if (level != -1) return;
    int code = info->err->msg_code;
    /* The file's end (jpeg_stdio_src says so before it adds an end marker of its own). A marker
       met inside the compressed data (JWRN_HIT_MARKER) is damage below: the data stops short of
       its pixels, whatever follows the marker (a file cut and closed with an end marker too). */
    if (code == JWRN_JPEG_EOF) {
        snprintf(error->message, sizeof error->message, "the file is cut short");
        longjmp(error->jump, 1);
    }
    int padding = code == JWRN_EXTRANEOUS_DATA && info->err->msg_parm.i[1] == 0xD9;
    if ((code == JWRN_EXTRANEOUS_DATA && !padding) || code == JWRN_HIT_MARKER || code == JWRN_HUFF_BAD_CODE
        || code == JWRN_ARITH_BAD_CODE || code == JWRN_MUST_RESYNC) {
        (*info->err->format_message)(info, error->message);
        longjmp(error->jump, 1);
    }
}

/* A progressive JPEG is read scan by scan before its first row, where no row callback can stop
   it: one of 683 KB holding one scan 20,000 times took 26 s. More scans than a real image has
   (about ten; an encoder's most, 64 per component) are refused, as djpeg's -maxscans does. */
#define CJPEG_MAX_SCANS 1000

static void cjpeg_progress(j_common_ptr info) {
    if (info->is_decompressor && ((j_decompress_ptr)info)->input_scan_number > CJPEG_MAX_SCANS) {
        cjpeg_error *error = (cjpeg_error *)info->err;
        snprintf(error->message, sizeof error->message, "more than %d scans, where an image has about ten", CJPEG_MAX_SCANS);
        longjmp(error->jump, 1);
    }
}

/*
 * Decodes the JPEG read from `fd` (from its current offset; the descriptor stays open), using
 * at most `memory_limit` bytes for libjpeg's own buffers (a progressive image keeps all its
 * coefficients). Returns 0 when every row was delivered, 1 when a callback stopped it, -1 on
 * an error, with the reason in `message`.
 */
static inline int cjpeg_decode(int fd, long memory_limit, void *context, cjpeg_header_fn header,
                               cjpeg_start_fn start, cjpeg_row_fn row, char *message, size_t message_size) {
    int copy = dup(fd);
    if (copy < 0) {
        snprintf(message, message_size, "the file cannot be read");
        return -1;
    }
    FILE *volatile file = fdopen(copy, "rb");
    if (file == NULL) {
        close(copy);
        snprintf(message, message_size, "the file cannot be read");
        return -1;
    }
    struct jpeg_decompress_struct info;
    cjpeg_error error;
    unsigned char *volatile buffer = NULL;
    volatile int status = 0;
    error.message[0] = 0;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = cjpeg_fail;
    error.manager.emit_message = cjpeg_message;
    if (setjmp(error.jump)) {
        snprintf(message, message_size, "%s", error.message[0] ? error.message : "the JPEG is damaged");
        jpeg_destroy_decompress(&info);
        free(buffer);
        fclose(file);
        return -1;
    }
    jpeg_create_decompress(&info);
    struct jpeg_progress_mgr progress = { .progress_monitor = cjpeg_progress };
    info.progress = &progress;
    info.mem->max_memory_to_use = memory_limit;
    jpeg_stdio_src(&info, file);
    jpeg_read_header(&info, TRUE);
    unsigned int denominator = 1;
    if (header(context, info.image_width, info.image_height, jpeg_has_multiple_scans(&info), &denominator) != 0) {
        jpeg_destroy_decompress(&info);
        fclose(file);
        return 1;
    }
    info.scale_num = 1;
    info.scale_denom = denominator;
    int cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&info);
    unsigned int width = info.output_width;
    if (start(context, width, info.output_height) != 0) {
        jpeg_destroy_decompress(&info);
        fclose(file);
        return 1;
    }
    buffer = (unsigned char *)malloc((size_t)width * 4);
    if (buffer == NULL) {
        jpeg_destroy_decompress(&info);
        fclose(file);
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    while (info.output_scanline < info.output_height) {
        unsigned int y = info.output_scanline;
        JSAMPROW rows[1] = { buffer };
        if (jpeg_read_scanlines(&info, rows, 1) != 1) {
            snprintf(message, message_size, "the JPEG is damaged");
            status = -1;
            break;
        }
        if (cmyk) {
            /* Adobe writes CMYK inverted (0 = full ink), as almost every CMYK JPEG is. */
            int inverted = info.saw_Adobe_marker;
            for (unsigned int x = 0; x < width; x++) {
                unsigned char *pixel = buffer + x * 4;
                unsigned int c = pixel[0], m = pixel[1], yellow = pixel[2], k = pixel[3];
                if (!inverted) { c = 255 - c; m = 255 - m; yellow = 255 - yellow; k = 255 - k; }
                pixel[0] = (unsigned char)(c * k / 255);
                pixel[1] = (unsigned char)(m * k / 255);
                pixel[2] = (unsigned char)(yellow * k / 255);
                pixel[3] = 255;
            }
        }
        if (row(context, buffer, y, width) != 0) {
            status = 1;
            break;
        }
    }
    if (status == 0) jpeg_finish_decompress(&info);
    else jpeg_abort_decompress(&info);
    jpeg_destroy_decompress(&info);
    free(buffer);
    fclose(file);
    return status;
}

#endif
