/*
 * make-jpeg OUTFILE WIDTH HEIGHT [QUALITY]
 *
 * Writes a baseline JPEG of WIDTH x HEIGHT pixels that compresses like a photo: smooth colour
 * gradients with fine deterministic noise (a flat picture would make a tiny, unrealistically
 * cheap file). Uses the system's libjpeg, as the decoder under test does; Python's standard
 * library has no JPEG encoder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: make-jpeg OUTFILE WIDTH HEIGHT [QUALITY]\n");
        return 2;
    }
    int width = atoi(argv[2]), height = atoi(argv[3]), quality = argc > 4 ? atoi(argv[4]) : 90;
    FILE *out = fopen(argv[1], "wb");
    if (out == NULL || width <= 0 || height <= 0) {
        perror(argv[1]);
        return 1;
    }
    struct jpeg_compress_struct info;
    struct jpeg_error_mgr error;
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    jpeg_stdio_dest(&info, out);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    unsigned char *row = malloc((size_t)width * 3);
    unsigned int seed = 12345;
    while (info.next_scanline < info.image_height) {
        int y = (int)info.next_scanline;
        for (int x = 0; x < width; x++) {
            seed = seed * 1103515245u + 12345u;
            int noise = (int)((seed >> 16) & 31) - 16;
            int r = 255 * x / width + noise, g = 255 * y / height + noise, b = 128 + (x ^ y) % 64 + noise;
            row[x * 3] = (unsigned char)(r < 0 ? 0 : r > 255 ? 255 : r);
            row[x * 3 + 1] = (unsigned char)(g < 0 ? 0 : g > 255 ? 255 : g);
            row[x * 3 + 2] = (unsigned char)(b < 0 ? 0 : b > 255 ? 255 : b);
        }
        JSAMPROW rows[1] = { row };
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    free(row);
    fclose(out);
    return 0;
}
