import CChafa

/// Cells chosen by libchafa, read back one by one (`chafa_canvas_get_char_at` and the
/// colours at each cell) so they can be drawn through ncurses like any other text.
///
/// Symbols are limited to block elements and the space: they are in every common monospace
/// font (DejaVu Sans Mono among them) and fill their cell exactly, unlike braille or the
/// sextants of Unicode 13, which many fonts lack.
enum ChafaCells {
    static func make(_ image: RGBAImage, box: CellBox, depth: ColorDepth) -> ThumbnailRaster {
        let symbols = chafa_symbol_map_new()
        defer { chafa_symbol_map_unref(symbols) }
        chafa_symbol_map_add_by_tags(symbols, ChafaSymbolTags(rawValue: CHAFA_SYMBOL_TAG_BLOCK.rawValue | CHAFA_SYMBOL_TAG_SPACE.rawValue))
        let config = chafa_canvas_config_new()
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, Int32(box.columns), Int32(box.rows))
        chafa_canvas_config_set_canvas_mode(config, mode(for: depth))
        chafa_canvas_config_set_symbol_map(config, symbols)
        let canvas = chafa_canvas_new(config)
        defer { chafa_canvas_unref(canvas) }
        image.pixels.withUnsafeBufferPointer { pixels in
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels.baseAddress,
                                         Int32(image.width), Int32(image.height), Int32(image.width * 4))
        }
        var cells: [ThumbnailCell] = []
        cells.reserveCapacity(box.columns * box.rows)
        for row in 0..<Int32(box.rows) {
            for column in 0..<Int32(box.columns) {
                let symbol = Unicode.Scalar(chafa_canvas_get_char_at(canvas, column, row)) ?? " "
                var foreground: Int32 = 0
                var background: Int32 = 0
                if depth == .trueColor {
                    chafa_canvas_get_colors_at(canvas, column, row, &foreground, &background)
                } else {
                    chafa_canvas_get_raw_colors_at(canvas, column, row, &foreground, &background)
                }
                cells.append(ThumbnailCell(
                    symbol: symbol, foreground: color(foreground, depth: depth), background: color(background, depth: depth)))
            }
        }
        return ThumbnailRaster(columns: box.columns, rows: box.rows, cells: cells)
    }

    private static func mode(for depth: ColorDepth) -> ChafaCanvasMode {
        switch depth {
        case .trueColor: CHAFA_CANVAS_MODE_TRUECOLOR
        case .palette256: CHAFA_CANVAS_MODE_INDEXED_240
        case .palette16: CHAFA_CANVAS_MODE_INDEXED_16
        case .palette8: CHAFA_CANVAS_MODE_INDEXED_8
        }
    }

    /// A colour chafa gave: packed RGB in true colour, a palette index otherwise. The image
    /// is opaque, so chafa never answers "transparent" (-1); black stands in if it did.
    private static func color(_ value: Int32, depth: ColorDepth) -> ThumbnailColor {
        guard value >= 0 else {
            switch depth {
            case .trueColor: return .rgb(red: 0, green: 0, blue: 0)
            case .palette256: return .palette(16)
            case .palette16, .palette8: return .palette(0)
            }
        }
        if depth == .trueColor {
            return .rgb(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
        }
        return .palette(UInt8(value & 0xFF))
    }
}
