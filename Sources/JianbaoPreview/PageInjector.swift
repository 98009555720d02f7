import Foundation
import JianbaoCore

/// Adds the preview's live-reload script (and, while the build is broken, the error overlay) to HTML pages at
/// serve time. The build output itself never contains them.
///
/// Errors are shown as an overlay over the last good page: the editor sees what is wrong and, under it, the site as
/// it was before the mistake. The overlay goes away with the reload that follows the next good build.
enum PageInjector {
    /// WebSocket path of the live-reload channel (outside any base path).
    static let socketPath = "/__jianbao/livereload"

    /// `html` with the script (and overlay) inserted before the last `</body>` (or appended).
    static func inject(into html: Data, generation: String, failure: BuildFailure?) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        let insert = (failure.map(overlay) ?? "") + script(generation: generation)
        if let r = text.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            text.insert(contentsOf: insert, at: r.lowerBound)
        } else {
            text += insert
        }
        return Data(text.utf8)
    }

    /// The live-reload script: reconnects with backoff, reloads when this page changed, keeps the scroll position.
    static func script(generation: String) -> String {
        let gen = generation.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return """
        <script data-jianbao-preview>
        (function(){
        var gen="\(gen)",key="jianbao-scroll:"+location.pathname,delay=250;
        function restore(){try{var s=sessionStorage.getItem(key);if(s){sessionStorage.removeItem(key);var p=s.split(",");window.scrollTo(+p[0]||0,+p[1]||0);}}catch(e){}}
        if(document.readyState==="complete")restore();else window.addEventListener("load",restore);
        function reload(){try{sessionStorage.setItem(key,(window.scrollX||0)+","+(window.scrollY||0));}catch(e){}location.reload();}
        function here(){var p=location.pathname;try{p=decodeURIComponent(p);}catch(e){}return p.slice(-10)==="index.html"?p.slice(0,-10):p;}
        function retry(){setTimeout(connect,delay);delay=Math.min(delay*2,5000);}
        function connect(){
        var ws;try{ws=new WebSocket((location.protocol==="https:"?"wss://":"ws://")+location.host+"\(socketPath)");}catch(e){retry();return;}
        ws.onopen=function(){delay=250;};
        ws.onmessage=function(ev){var m;try{m=JSON.parse(ev.data);}catch(e){return;}
        if(m.type==="hello"){if(m.generation!==gen)reload();return;}
        if(m.type==="error"||m.full){reload();return;}
        var h=here();for(var i=0;i<m.paths.length;i++){if(m.paths[i]===h){reload();return;}}
        gen=m.generation;};
        ws.onclose=function(){retry();};}
        connect();
        })();
        </script>

        """
    }

    /// Largest number of errors listed in the overlay.
    static let maxListed = 100

    /// The error overlay: every error as `path:line:col: 错误: …`, HTML-escaped.
    static func overlay(_ failure: BuildFailure) -> String {
        let errors = failure.errors.isEmpty ? failure.diagnostics : failure.errors
        var items = errors.prefix(maxListed).map {
            "<li style=\"margin:.4em 0;white-space:pre-wrap;word-break:break-all\"><code>\(HTML.escape($0.description))</code></li>"
        }
        if errors.count > maxListed { items.append("<li>……另有 \(errors.count - maxListed) 个错误</li>") }
        return """
        <div id="jianbao-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;\
        background:rgba(40,0,0,.97);color:#fff;font:15px/1.6 system-ui,sans-serif;padding:2em 1em">\
        <div style="max-width:60em;margin:0 auto">\
        <h2 style="margin:0 0 .5em;font-size:1.4em;color:#ffb4b4">生成失败：共 \(failure.errors.count) 个错误</h2>\
        <p style="margin:0 0 1em">修改并保存文件后，页面会自动刷新。修正之前，预览仍显示上一次成功生成的网站（关闭此提示即可查看）。</p>\
        <ol style="margin:0 0 1em;padding-left:1.5em;font-family:ui-monospace,monospace;font-size:14px">\(items.joined())</ol>\
        <button type="button" onclick="document.getElementById('jianbao-error-overlay').remove()" \
        style="font:inherit;padding:.3em 1em;cursor:pointer">关闭提示</button>\
        </div></div>

        """
    }

    /// A whole page for when no build has succeeded yet (or a file is missing and there is no 404 page).
    static func standalonePage(title: String, body: String) -> Data {
        Data("""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTML.escape(title))</title></head>
        <body style="font:16px/1.6 system-ui,sans-serif;max-width:50em;margin:2em auto;padding:0 1em">
        <h1>\(HTML.escape(title))</h1>
        <p>\(HTML.escape(body))</p>
        </body>
        </html>

        """.utf8)
    }
}
