package dev.tokenmanager.app.serve;

import dev.tokenmanager.core.TokenHealth;
import dev.tokenmanager.core.event.TokenEvent;
import java.util.List;
import java.util.Map;

/** The service's status page: plain HTML, no external assets, a countdown per token, recent events. */
final class StatusPage {

  private StatusPage() {}

  static String render(TokenService service) {
    Map<TokenService.Served, TokenHealth> health = service.health();
    long serving = health.values().stream().filter(TokenHealth::serving).count();
    StringBuilder html = new StringBuilder(4096);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"10\"><title>Token Manager</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.FRESH{color:#070}.STALE{color:#a60}")
        .append(".EXPIRED,.NONE,.DEGRADED{color:#b00}code{font-size:.9em}</style></head><body>")
        .append("<h1>Token Manager</h1><p id=\"summary\">")
        .append(serving).append(" of ").append(health.size()).append(" tokens serving &middot; store ")
        .append(escape(service.storeDescription())).append("</p>")
        .append("<table id=\"tokens\"><thead><tr><th>account</th><th>slot</th><th>key</th><th>state</th><th>mode</th>")
        .append("<th>token</th><th>expires in</th><th>last failure</th></tr></thead><tbody>");
    for (Map.Entry<TokenService.Served, TokenHealth> entry : health.entrySet()) {
      TokenHealth h = entry.getValue();
      html.append("<tr><td>").append(escape(entry.getKey().account())).append("</td><td>").append(entry.getKey().slot())
          .append("</td><td><code>").append(escape(h.key().toString())).append("</code></td><td class=\"")
          .append(h.state()).append("\">").append(h.state()).append("</td><td class=\"").append(h.mode()).append("\">")
          .append(h.mode()).append("</td><td><code>").append(escape(String.valueOf(h.fingerprint())))
          .append("</code></td><td class=\"countdown\" data-expires=\"")
          .append(h.expiresAt() == null ? 0 : h.expiresAt().toEpochMilli()).append("\">")
          .append(h.remaining().toSeconds()).append("s</td><td>")
          .append(h.lastFailureKind() == null ? "" : escape(h.lastFailureKind() + ": " + h.lastFailureMessage()))
          .append("</td></tr>");
    }
    html.append("</tbody></table><h2>Recent events</h2><ol id=\"events\">");
    List<TokenEvent> events = service.recentEvents();
    for (TokenEvent event : events) {
      html.append("<li><code>").append(escape(event.at().toString())).append("</code> ")
          .append(escape(describe(event))).append("</li>");
    }
    if (events.isEmpty()) {
      html.append("<li>none yet</li>");
    }
    html.append("</ol><script>")
        .append("function tick(){for(const el of document.querySelectorAll('.countdown')){")
        .append("const ms=Number(el.dataset.expires);if(!ms){el.textContent='-';continue;}")
        .append("const s=Math.max(0,Math.round((ms-Date.now())/1000));")
        .append("el.textContent=Math.floor(s/60)+'m '+String(s%60).padStart(2,'0')+'s';}}")
        .append("tick();setInterval(tick,1000);</script></body></html>");
    return html.toString();
  }

  private static String describe(TokenEvent event) {
    String key = event.key() == null ? "" : event.key() + " ";
    if (event instanceof TokenEvent.Minted e) {
      return "minted " + key + e.fingerprint() + " in " + e.latency().toMillis() + " ms, expires " + e.expiresAt();
    } else if (event instanceof TokenEvent.RefreshFailed e) {
      return "refresh failed " + key + e.kind() + " (" + e.consecutiveFailures() + " in a row, next "
          + e.nextAttemptAt() + "): " + e.message();
    } else if (event instanceof TokenEvent.Invalidated e) {
      return "invalidated " + key + e.fingerprint() + (e.evicted() ? "" : " (already replaced)");
    } else if (event instanceof TokenEvent.StoreDegraded e) {
      return "store degraded " + key + e.message();
    } else if (event instanceof TokenEvent.StoreRecovered e) {
      return "store recovered " + key + "after " + e.downFor().toMillis() + " ms";
    } else if (event instanceof TokenEvent.StoreValueRejected e) {
      return "store value rejected " + key + e.reason();
    }
    return event.getClass().getSimpleName() + " " + key;
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
