/// Inline SVG charts for the report, drawn with integer coordinates so the bytes are the same on
/// every run and platform. Every chart has a `<title>` and text labels, so it reads without
/// colour and prints in grey.
enum SVGChart {
    /// One horizontal bar: label on the left, the value's text on the right.
    struct Bar {
        var label: String
        var value: Int64
        var display: String
        var color: String
    }

    /// One stacked column: a label under it (two lines) and one value per series.
    struct Column {
        var label: String
        var sublabel: String
        var values: [Int]
    }

    /// A series of a stacked chart.
    struct Series {
        var name: String
        var color: String
    }

    /// Horizontal bars scaled to the largest value.
    static func horizontalBars(_ bars: [Bar], title: String, labelWidth: Int = 120) -> String {
        let width = 540, rowHeight = 34, barHeight = 22, valueWidth = 120
        let height = max(bars.count, 1) * rowHeight + 8
        let plot = width - labelWidth - valueWidth
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        var svg = open(width: width, height: height, title: title, kind: "bars")
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * rowHeight
            let length = bar.value <= 0 ? 0 : max(2, Int(Int64(plot) * bar.value / maximum))
            let mid = y + barHeight / 2 + 5
            svg += "<text x=\"\(labelWidth - 10)\" y=\"\(mid)\" text-anchor=\"end\" class=\"lbl\">\(HTMLBuilder.escaped(bar.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(plot)\" height=\"\(barHeight)\" rx=\"4\" class=\"track\"/>"
            if length > 0 {
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(barHeight)\" rx=\"4\" fill=\"\(bar.color)\"/>"
            }
            svg += "<text x=\"\(labelWidth + plot + 10)\" y=\"\(mid)\" class=\"val\">\(HTMLBuilder.escaped(bar.display))</text>"
        }
        return svg + "</svg>"
    }

    /// Vertical stacked columns with a grid, a value on top of each column and a legend.
    static func stackedColumns(_ columns: [Column], series: [Series], title: String) -> String {
        let width = 720, top = 40, plotHeight = 220, left = 52, right = 12
        let height = top + plotHeight + 50
        let totals = columns.map { $0.values.reduce(0, +) }
        let scale = niceCeiling(max(totals.max() ?? 0, 1))
        var svg = open(width: width, height: height, title: title, kind: "columns")

        // Legend across the top.
        var legendX = left
        for item in series {
            svg += "<rect x=\"\(legendX)\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(item.color)\"/>"
            svg += "<text x=\"\(legendX + 18)\" y=\"17\" class=\"lbl\">\(HTMLBuilder.escaped(item.name))</text>"
            legendX += 18 + 9 * item.name.count + 22
        }

        // Grid: four steps of the rounded scale.
        for step in 0...4 {
            let value = scale * step / 4
            let y = top + plotHeight - plotHeight * step / 4
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" class=\"\(step == 0 ? "axis" : "grid")\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\" class=\"tick\">\(ReportFormat.count(value))</text>"
        }

        guard !columns.isEmpty else { return svg + "</svg>" }
        let slot = (width - left - right) / columns.count
        let barWidth = min(44, slot * 6 / 10)
        for (index, column) in columns.enumerated() {
            let x = left + index * slot + (slot - barWidth) / 2
            var base = top + plotHeight
            var cumulative = 0
            for (seriesIndex, value) in column.values.enumerated() where value > 0 && seriesIndex < series.count {
                // Edges from cumulative sums, so the stack's heights add up exactly to the total's.
                let lower = plotHeight * cumulative / scale
                cumulative += value
                let upper = plotHeight * cumulative / scale
                let segment = upper - lower
                base = top + plotHeight - upper
                if segment > 0 {
                    svg += "<rect x=\"\(x)\" y=\(quoted(base)) width=\"\(barWidth)\" height=\"\(segment)\" fill=\"\(series[seriesIndex].color)\"><title>\(HTMLBuilder.escaped(series[seriesIndex].name + ": " + ReportFormat.count(value)))</title></rect>"
                }
            }
            let center = x + barWidth / 2
            svg += "<text x=\"\(center)\" y=\"\(base - 6)\" text-anchor=\"middle\" class=\"val\">\(ReportFormat.count(totals[index]))</text>"
            svg += "<text x=\"\(center)\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\" class=\"lbl\">\(HTMLBuilder.escaped(column.label))</text>"
            svg += "<text x=\"\(center)\" y=\"\(top + plotHeight + 34)\" text-anchor=\"middle\" class=\"tick\">\(HTMLBuilder.escaped(column.sublabel))</text>"
        }
        return svg + "</svg>"
    }

    /// The chart's top: four grid steps of a round step (1, 2 or 5 × 10ⁿ), the smallest that
    /// reaches `value`: 7 → 8, 144 → 200, 1 → 4.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude < Int.max / 50 {
            for factor in [1, 2, 5] where 4 * factor * magnitude >= value {
                return 4 * factor * magnitude
            }
            magnitude *= 10
        }
        return value
    }

    private static func open(width: Int, height: Int, title: String, kind: String) -> String {
        "<svg class=\"chart " + kind + "\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLBuilder.escaped(title))\"><title>\(HTMLBuilder.escaped(title))</title>"
    }

    private static func quoted(_ value: Int) -> String {
        "\"\(value)\""
    }
}
