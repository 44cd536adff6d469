using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using SigmaCompile.Catalog;

namespace SigmaScan.Catalog;

/// <summary>
/// The static HTML catalog: <c>index.html</c> (every rule, searchable by title, tag, logsource and level) and
/// <c>rules/&lt;id&gt;.html</c> per rule. Self-contained: inline CSS and JavaScript, no external resources; the
/// only outside links are the rules' own references.
/// </summary>
internal static class HtmlCatalog
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1d2430;line-height:1.45}
        h1{font-size:1.6rem;margin:.4rem 0 1rem}h2{font-size:1.15rem;margin-top:1.8rem;border-bottom:1px solid #d5dae1;padding-bottom:.2rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #e4e7eb}
        th{background:#f3f5f7}code,.mono{font-family:ui-monospace,Consolas,monospace;font-size:.88rem;word-break:break-all}td code{white-space:pre-wrap;background:#f1f3f5}
        dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
        .level{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.85rem;background:#e4e7eb}
        .level-critical{background:#8b1a1a;color:#fff}.level-high{background:#d9480f;color:#fff}.level-medium{background:#f59f00}.level-low{background:#74b816}.level-informational{background:#a5d8ff}
        .kind{color:#5c6773;font-size:.88rem}.shared{font-weight:600;color:#0b7285}.none{color:#868e96}
        .filters{display:flex;gap:.6rem;flex-wrap:wrap;margin-bottom:.8rem}.filters input{flex:1;min-width:16rem;padding:.35rem}.filters select{padding:.3rem}
        pre{white-space:pre-wrap;background:#f8f9fa;padding:.6rem;border-radius:.3rem}ul.predicates{margin:.2rem 0;padding-left:1.2rem}
        """;

    private const string Script = """
        (function(){
          var q=document.getElementById('q'),lv=document.getElementById('level'),ls=document.getElementById('logsource');
          var rows=Array.prototype.slice.call(document.querySelectorAll('#rules tbody tr')),shown=document.getElementById('shown');
          function apply(){
            var words=q.value.toLowerCase().split(/\s+/).filter(function(w){return w.length>0;}),n=0;
            rows.forEach(function(r){
              var ok=(!lv.value||r.getAttribute('data-level')===lv.value)&&(!ls.value||r.getAttribute('data-logsource')===ls.value);
              var text=r.getAttribute('data-search');
              for(var i=0;ok&&i<words.length;i++){ok=text.indexOf(words[i])>=0;}
              r.style.display=ok?'':'none';if(ok){n++;}
            });
            shown.textContent=n;
          }
          q.addEventListener('input',apply);lv.addEventListener('change',apply);ls.addEventListener('change',apply);apply();
        })();
        """;

    /// <summary>Writes the catalog of <paramref name="rules"/> into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<IDescribedRule> rules, RuleCatalog catalog) =>
        CatalogFacts.WriteFiles(folder, rules, ".html", selected => Index(selected, catalog), (rule, included) => Page(rule, catalog, included));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static void Open(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
    }

    private static string LevelBadge(string level) => $"<span class=\"level level-{E(level)}\">{E(level)}</span>";

    private static string Index(IReadOnlyList<IDescribedRule> rules, RuleCatalog catalog)
    {
        var html = new StringBuilder();
        Open(html, "Sigma rule catalog");
        html.Append("<h1>Sigma rule catalog</h1>\n");
        int filtered = rules.Count(r => r.AppliedFilters.Count > 0);
        html.Append("<p><span id=\"shown\">").Append(rules.Count.ToString(CultureInfo.InvariantCulture)).Append("</span> of ")
            .Append(rules.Count.ToString(CultureInfo.InvariantCulture)).Append(" compiled rules shown. Search matches the title, id, tags, logsource and level.")
            .Append(filtered > 0 ? " " + filtered.ToString(CultureInfo.InvariantCulture) + (filtered == 1 ? " of them is" : " of them are") + " tuned by Sigma filters and marked <span class=\"kind\">filtered</span>: search for <code>filtered</code> to list them." : "")
            .Append("</p>\n");
        html.Append("<div class=\"filters\">\n<input id=\"q\" type=\"search\" placeholder=\"Search title, tag, logsource, level...\" aria-label=\"Search\">\n");
        html.Append("<select id=\"level\" aria-label=\"Level\"><option value=\"\">any level</option>");
        foreach (string level in rules.Select(r => r.Level).Distinct().OrderByDescending(l => l).Select(CatalogFacts.Level))
            html.Append("<option>").Append(E(level)).Append("</option>");
        html.Append("</select>\n<select id=\"logsource\" aria-label=\"Logsource\"><option value=\"\">any logsource</option>");
        foreach (string source in rules.Select(r => CatalogFacts.LogSource(r.LogSource)).Distinct().OrderBy(s => s, StringComparer.Ordinal))
            html.Append("<option>").Append(E(source)).Append("</option>");
        html.Append("</select>\n</div>\n");
        html.Append("<table id=\"rules\">\n<thead><tr><th>title</th><th>level</th><th>status</th><th>logsource</th><th>tags</th></tr></thead>\n<tbody>\n");
        foreach (IDescribedRule rule in rules.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id))
        {
            string level = CatalogFacts.Level(rule.Level);
            string source = CatalogFacts.LogSource(rule.LogSource);
            string tags = string.Join(" ", rule.Tags.Select(t => t.ToString()));
            string search = string.Join(" ", rule.Title, rule.Id.ToString("D"), tags, source, CatalogFacts.LogSourceParts(rule.LogSource), level,
                string.Join(" ", rule.Coverage.Tactics.Select(t => t.Name)), string.Join(" ", rule.Coverage.Techniques.Select(t => t.Id))).ToLowerInvariant();
            if (rule.AppliedFilters.Count > 0)
                search += " " + CatalogFacts.FilteredBy(rule).ToLowerInvariant();
            string marker = rule.AppliedFilters.Count == 0 ? "" : " <span class=\"kind\" title=\"" + E(CatalogFacts.FilteredBy(rule)) + "\">filtered</span>";
            html.Append("<tr data-level=\"").Append(E(level)).Append("\" data-logsource=\"").Append(E(source)).Append("\" data-search=\"").Append(E(search)).Append("\">")
                .Append("<td><a href=\"rules/").Append(CatalogFacts.PageName(rule)).Append(".html\">").Append(E(rule.Title)).Append("</a>").Append(marker).Append("</td>")
                .Append("<td>").Append(LevelBadge(level)).Append("</td>")
                .Append("<td>").Append(E(CatalogFacts.Status(rule.Status))).Append("</td>")
                .Append("<td class=\"mono\">").Append(E(source)).Append("</td>")
                .Append("<td class=\"mono\">").Append(E(tags)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        WriteChecklist(html, CatalogFacts.Checklist(catalog, rules));
        html.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteChecklist(StringBuilder html, IReadOnlyList<(EventChecklistEntry Entry, int Rules)> checklist)
    {
        html.Append("<h2 id=\"log-collection-checklist\">Log collection checklist</h2>\n");
        html.Append("<p class=\"kind\">Every event the rules above can match, with how many of them need it: the logs to collect for them to fire.</p>\n");
        html.Append("<table id=\"checklist\">\n<thead><tr><th>provider</th><th>event</th><th>title</th><th>rules</th></tr></thead>\n<tbody>\n");
        foreach ((EventChecklistEntry entry, int count) in checklist)
        {
            html.Append("<tr><td class=\"mono\">").Append(E(entry.Provider)).Append("</td><td class=\"mono\">").Append(E(entry.Event))
                .Append("</td><td>").Append(E(entry.Title)).Append("</td><td>").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string Page(IDescribedRule rule, RuleCatalog catalog, HashSet<IDescribedRule> included)
    {
        var html = new StringBuilder();
        Open(html, rule.Title);
        html.Append("<p><a href=\"../index.html\">← all rules</a></p>\n<h1>").Append(E(rule.Title)).Append("</h1>\n");
        html.Append("<dl class=\"meta\">\n");
        Meta(html, "id", "<code>" + E(rule.Id.ToString("D")) + "</code>");
        Meta(html, "status", E(CatalogFacts.Status(rule.Status)));
        Meta(html, "level", LevelBadge(CatalogFacts.Level(rule.Level)));
        Meta(html, "logsource", "<code>" + E(CatalogFacts.LogSource(rule.LogSource)) + "</code> (" + E(CatalogFacts.LogSourceParts(rule.LogSource)) + ")");
        Meta(html, "author", E(rule.Author.Length == 0 ? "not given" : rule.Author));
        Meta(html, "date", E(CatalogFacts.Dates(rule)));
        Meta(html, "source", "<code>" + E(rule.SourcePath) + "</code>");
        html.Append("</dl>\n");
        if (rule.Description.Length > 0)
            html.Append("<h2>Description</h2>\n<p>").Append(E(rule.Description.Trim())).Append("</p>\n");

        html.Append("<h2>ATT&amp;CK coverage</h2>\n<dl class=\"meta\">\n");
        Meta(html, "tactics", E(CatalogFacts.Tactics(rule.Coverage)));
        Meta(html, "techniques", E(CatalogFacts.Techniques(rule.Coverage)));
        foreach ((string label, string text) in CatalogFacts.OtherCoverage(rule.Coverage))
            Meta(html, label, E(text));
        html.Append("</dl>\n");
        if (rule.Tags.Count > 0)
            html.Append("<p>Tags: ").Append(string.Join(", ", rule.Tags.Select(t => "<code>" + E(t.ToString()) + "</code>"))).Append("</p>\n");

        html.Append("<h2>Event coverage</h2>\n");
        html.Append("<table id=\"event-coverage\">\n<thead><tr><th>provider</th><th>event</th><th>title</th></tr></thead>\n<tbody>\n");
        foreach (CoveredEvent covered in rule.EventCoverage)
        {
            html.Append(CatalogFacts.IsRemark(covered.Kind)
                ? "<tr><td colspan=\"3\" class=\"none\">" + E(covered.Title) + "</td></tr>\n"
                : "<tr><td class=\"mono\">" + E(covered.Provider) + "</td><td class=\"mono\">" + E(covered.Event) + "</td><td>" + E(covered.Title) + "</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        if (rule.AppliedFilters.Count > 0)
        {
            html.Append("<h2 id=\"filters-applied\">Filters applied</h2>\n");
            html.Append("<p class=\"kind\">Sigma filters that name this rule: its condition excludes what each matches, in this order.</p>\n");
            html.Append("<table id=\"applied-filters\">\n<thead><tr><th>title</th><th>id</th><th>file</th><th>searches</th></tr></thead>\n<tbody>\n");
            foreach (AppliedFilter filter in rule.AppliedFilters)
            {
                html.Append("<tr><td>").Append(E(filter.Title)).Append("</td><td>")
                    .Append(filter.Id is null ? "<span class=\"none\">none</span>" : "<code>" + E(CatalogFacts.FilterId(filter)) + "</code>")
                    .Append("</td><td><code>").Append(E(filter.SourcePath)).Append("</code></td><td><code>").Append(E(CatalogFacts.FilterSearches(filter))).Append("</code></td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<h2>Stages</h2>\n<table>\n<thead><tr><th>#</th><th>stage</th><th>what it holds</th></tr></thead>\n<tbody>\n");
        foreach (RuleStage stage in rule.Stages)
        {
            html.Append("<tr id=\"stage-").Append(stage.Index.ToString(CultureInfo.InvariantCulture)).Append("\"><td>")
                .Append(stage.Index.ToString(CultureInfo.InvariantCulture)).Append("</td><td><code>").Append(E(stage.Name)).Append("</code><br><span class=\"kind\">")
                .Append(E(CatalogFacts.StageKind(stage.Kind))).Append("</span></td><td>");
            if (stage.Kind == RuleStageKind.Condition)
            {
                html.Append("<code>").Append(E(stage.Text)).Append("</code>");
                if (stage.Expanded != stage.Text)
                    html.Append("<br><span class=\"kind\">compiled as</span> <code>").Append(E(stage.Expanded)).Append("</code>");
            }
            else
            {
                html.Append("<span class=\"kind\">").Append(E(CatalogFacts.Combination(stage))).Append("</span>");
                foreach (IGrouping<int, StagePredicate> group in stage.Predicates.GroupBy(p => p.Group))
                {
                    html.Append("<ul class=\"predicates\">");
                    foreach (StagePredicate predicate in group)
                    {
                        html.Append("<li><code>").Append(E(predicate.ToString())).Append("</code>");
                        if (predicate.MappedTo.Count > 0)
                            html.Append(" <span class=\"kind\">mapped to</span> <code>").Append(E(string.Join(" | ", predicate.MappedTo))).Append("</code>");
                        html.Append("</li>");
                    }
                    html.Append("</ul>");
                }
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        html.Append("<h2>Indicators</h2>\n");
        if (rule.Indicators.Count == 0)
        {
            html.Append("<p class=\"none\">none</p>\n");
        }
        else
        {
            html.Append("<p class=\"kind\">other rules: how many other compiled rules look for the same field, operator and value (case-insensitive).</p>\n");
            html.Append("<table>\n<thead><tr><th>field</th><th>operator</th><th>value</th><th>other rules</th><th>search</th></tr></thead>\n<tbody>\n");
            foreach (RuleIndicator indicator in rule.Indicators)
            {
                IReadOnlyList<string> values = CatalogFacts.Values(indicator);
                for (int v = 0; v < values.Count; v++)
                {
                    int others = CatalogFacts.Others(catalog, indicator, values[v]);
                    html.Append("<tr><td class=\"mono\">").Append(v == 0 ? E(CatalogFacts.Field(indicator)) : "").Append("</td><td>")
                        .Append(v == 0 ? E(CatalogFacts.Operator(indicator)) : "").Append("</td><td><code>")
                        .Append(E(values[v].Length == 0 ? "—" : values[v])).Append("</code></td><td")
                        .Append(others > 0 ? " class=\"shared\">" : ">").Append(others.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"mono\">")
                        .Append(v == 0 ? E(CatalogFacts.Origin(indicator)) : "").Append("</td></tr>\n");
                }
            }
            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<h2>Rules detecting the same action</h2>\n");
        IReadOnlyList<RuleOperation> operations = catalog.OperationsOf(rule);
        if (operations.Count == 0)
        {
            html.Append("<p class=\"none\">The rule filters on no event name, event id or process that the catalog recognises.</p>\n");
        }
        else
        {
            html.Append("<p>Operations: ").Append(string.Join(", ", operations.Select(o => "<code>" + E(o.Name) + "</code>"))).Append("</p>\n");
            IReadOnlyList<IDescribedRule> same = catalog.RulesDetectingSameAction(rule);
            if (same.Count == 0)
                html.Append("<p class=\"none\">No other compiled rule filters on them.</p>\n");
            else
            {
                html.Append("<table>\n<thead><tr><th>title</th><th>level</th><th>logsource</th></tr></thead>\n<tbody>\n");
                foreach (IDescribedRule other in same.Take(CatalogFacts.SameActionShown))
                {
                    string title = included.Contains(other)
                        ? "<a href=\"" + CatalogFacts.PageName(other) + ".html\">" + E(other.Title) + "</a>"
                        : E(other.Title) + " <span class=\"kind\">(not in this catalog)</span>";
                    html.Append("<tr><td>").Append(title).Append("</td><td>").Append(LevelBadge(CatalogFacts.Level(other.Level)))
                        .Append("</td><td class=\"mono\">").Append(E(CatalogFacts.LogSource(other.LogSource))).Append("</td></tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
                if (same.Count > CatalogFacts.SameActionShown)
                    html.Append("<p class=\"kind\">and ").Append((same.Count - CatalogFacts.SameActionShown).ToString(CultureInfo.InvariantCulture)).Append(" more</p>\n");
            }
        }

        if (rule.FalsePositives.Count > 0)
        {
            html.Append("<h2>False positives</h2>\n<ul>\n");
            foreach (string falsePositive in rule.FalsePositives)
                html.Append("<li>").Append(E(falsePositive)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        if (rule.References.Count > 0)
        {
            html.Append("<h2>References</h2>\n<ul>\n");
            foreach (string reference in rule.References)
            {
                bool web = reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
                html.Append("<li>").Append(web ? "<a href=\"" + E(reference) + "\" rel=\"noreferrer\">" + E(reference) + "</a>" : E(reference)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Meta(StringBuilder html, string label, string valueHtml) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(valueHtml).Append("</dd>\n");
}
