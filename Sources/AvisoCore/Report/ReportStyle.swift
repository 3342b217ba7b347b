/// The report's inline style sheet: system fonts only (nothing fetched), tabular figures, cards
/// that reflow on a phone, tables that scroll sideways instead of squeezing, and a print layout
/// without shadows or page breaks inside sections.
enum ReportStyle {
    /// Channel colours, in `Channel.allCases` order.
    static let channelColors = ["#2563eb", "#0d9488", "#16a34a", "#d97706"]
    /// The postal colour.
    static let postalColor = "#7c3aed"

    /// The colour of a channel.
    static func color(_ channel: Channel) -> String {
        channelColors[channel.rawValue]
    }

    /// The CSS, minified only by leaving out comments.
    static let css = """
        :root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--soft:#f8fafc;--brand:#1e3a8a;--good:#15803d;--bad:#b91c1c;--warn:#b45309}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:#f1f5f9;color:var(--ink);font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;font-variant-numeric:tabular-nums}
        .page{max-width:1120px;margin:0 auto;padding:24px 20px 48px}
        header.top{background:linear-gradient(135deg,#1e3a8a,#1d4ed8);color:#fff;border-radius:14px;padding:24px 28px;margin-bottom:20px}
        header.top .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.8;margin:0}
        header.top h1{font-size:28px;line-height:1.2;margin:4px 0 6px;font-weight:700}
        header.top .date{font-size:17px;margin:0;opacity:.95}
        .badge{display:inline-block;border-radius:999px;padding:3px 12px;font-size:13px;font-weight:600;margin-top:10px}
        .badge.yes{background:#dcfce7;color:#14532d}
        .badge.no{background:#fef3c7;color:#78350f}
        .alert{background:#fff7ed;border:1px solid #fed7aa;color:#7c2d12;border-radius:10px;padding:10px 14px;margin:0 0 16px;font-size:14px}
        .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:14px;margin-bottom:20px}
        .kpi{background:#fff;border:1px solid var(--line);border-radius:12px;padding:16px 18px;box-shadow:0 1px 2px rgba(15,23,42,.05)}
        .kpi .k{font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em;margin:0}
        .kpi .v{font-size:30px;font-weight:700;line-height:1.15;margin:4px 0 4px;color:var(--brand)}
        .kpi .s{font-size:13px;color:var(--muted);margin:0}
        section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:20px 22px;margin-bottom:18px;box-shadow:0 1px 2px rgba(15,23,42,.05)}
        section h2{font-size:19px;margin:0 0 4px;color:var(--ink)}
        section h3{font-size:15px;margin:18px 0 6px;color:#334155}
        section p.lead{margin:0 0 12px;color:var(--muted);font-size:14px}
        .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:18px;align-items:start}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft);font-weight:600;white-space:nowrap}
        td.n,th.n{text-align:right;white-space:nowrap}
        tr.total td{font-weight:700;border-top:2px solid #cbd5e1;background:var(--soft)}
        td.zero{color:#cbd5e1}
        td.sub{padding-left:28px;color:#334155}
        .muted{color:var(--muted)}
        .small{font-size:12px}
        code,.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
        .code{background:#f1f5f9;border-radius:4px;padding:1px 5px;color:#334155;white-space:nowrap}
        .ex{margin:0;padding-left:18px;font-size:13px}
        .ex li{margin:2px 0;overflow-wrap:anywhere}
        .dot{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
        .up-good,.down-good{color:var(--good);font-weight:600}
        .up-bad,.down-bad{color:var(--bad);font-weight:600}
        .flat{color:var(--muted)}
        svg.chart{width:100%;height:auto;display:block;margin:6px 0 4px}
        svg.chart.bars{max-width:620px}
        svg.chart.columns{max-width:980px}
        td.name{white-space:nowrap}
        svg.chart text{font-family:inherit;fill:#334155}
        svg.chart .lbl{font-size:13px}
        svg.chart .val{font-size:13px;font-weight:700;fill:var(--ink)}
        svg.chart .tick{font-size:11px;fill:var(--muted)}
        svg.chart .track{fill:#f1f5f9}
        svg.chart .grid{stroke:#e2e8f0;stroke-width:1}
        svg.chart .axis{stroke:#94a3b8;stroke-width:1}
        footer{color:var(--muted);font-size:12px;text-align:center;margin-top:24px}
        @media (max-width:600px){.page{padding:12px 10px 32px}header.top{padding:18px}header.top h1{font-size:22px}.kpi .v{font-size:24px}section{padding:16px 14px}th,td{padding:6px 7px}}
        @media print{body{background:#fff;font-size:11pt}.page{max-width:none;padding:0}header.top{background:none;color:var(--ink);border:2px solid var(--ink);padding:12px 16px}.badge{border:1px solid #94a3b8}.kpi,section{box-shadow:none;break-inside:avoid;page-break-inside:avoid}section.long{break-inside:auto;page-break-inside:auto}.scroll{overflow:visible}a{color:inherit;text-decoration:none}}
        @page{size:A4;margin:14mm}
        """
}
