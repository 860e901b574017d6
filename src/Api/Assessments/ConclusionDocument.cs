using System.Globalization;
using System.Net;
using Monitoring.Domain.Assessments;

namespace Monitoring.Api.Assessments;

/// <summary>
/// The conclusion (заключение) of a published revision in the shape of the Karaganda 2017 assessment conclusion: the heading, the table of criteria
/// with the total, penalty and final, then the reasoning for every indicator with its inputs, and the provenance an
/// auditor files with it (methodology version, revision, reason, who published it, the content hash).
/// Figures are printed the Russian way (7,95), rounded half away from zero only here.
/// </summary>
public static class ConclusionDocument
{
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>
    /// The document's content, whatever it is rendered as (HTML, Markdown, the conclusion page): the heading, the table of
    /// criteria (a row with an empty number is a total), the reasoning per indicator, and the provenance in the footer.
    /// </summary>
    public sealed record Section(string Heading, IReadOnlyList<string[]> Table, IReadOnlyList<(string Title, IReadOnlyList<string> Lines)> Reasoning,
        IReadOnlyList<string> Footer);

    /// <summary>What a conclusion is written from: the body's name, the assessment's record, the revision and its methodology version.</summary>
    public sealed record Source(string BodyName, AssessmentView Assessment, PublishedRevision Revision, MethodologyVersion Version)
    {
        public Section Build() => ConclusionDocument.Build(BodyName, Assessment, Revision, Version);
    }

    /// <summary>Reads what the conclusion of a published revision is written from (404 for an unknown assessment or revision).</summary>
    public static async Task<Source> LoadAsync(AssessmentQueries queries, string body, int period, int revision, CancellationToken ct)
    {
        var assessment = await queries.AssessmentAsync(body, period, ct);
        var published = assessment.Revision(revision);
        var version = await queries.MethodologyAsync(published.Published.Scorecard.Methodology, ct);
        return new Source((await queries.BodyNameAsync(body, ct)) ?? body, assessment, published, version);
    }

    public const string Title = "Заключение о результатах оценки по направлению «Качество оказания государственных услуг»";
    public const string ReasoningTitle = "Обоснование по показателям";
    public static readonly IReadOnlyList<string> Columns = ["№", "Критерии оценки", "Баллы", "Макс. балл"];

    public static string Markdown(string bodyName, AssessmentView assessment, PublishedRevision revision, MethodologyVersion version)
    {
        var doc = Build(bodyName, assessment, revision, version);
        var md = new StringBuilder($"# {Title}\n\n**{doc.Heading}**\n\n| {string.Join(" | ", Columns)} |\n|---|---|---:|---:|\n");
        foreach (var row in doc.Table) md.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|")))).Append(" |\n");
        md.Append($"\n## {ReasoningTitle}\n");
        foreach (var (title, lines) in doc.Reasoning)
            md.Append($"\n### {title}\n\n").Append(string.Concat(lines.Select(line => $"- {line}\n")));
        md.Append("\n---\n\n").Append(string.Concat(doc.Footer.Select(line => $"{line}  \n")));
        return md.ToString();
    }

    public static string Html(string bodyName, AssessmentView assessment, PublishedRevision revision, MethodologyVersion version)
    {
        var doc = Build(bodyName, assessment, revision, version);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Заключение — ").Append(E(bodyName)).Append("</title>")
            .Append("<style>body{font-family:'PT Serif',Georgia,serif;max-width:60em;margin:2em auto;line-height:1.45}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border:1px solid #444;padding:.3em .5em}td.n{text-align:right}tr.total td{font-weight:bold}footer{margin-top:2em;font-size:.85em;color:#333}")
            .Append("h1{font-size:1.3em;text-align:center}</style></head><body>")
            .Append($"<h1>{Title}</h1><p style=\"text-align:center\"><strong>{E(doc.Heading)}</strong></p>")
            .Append($"<table><thead><tr>{string.Concat(Columns.Select(c => $"<th>{c}</th>"))}</tr></thead><tbody>");
        foreach (var row in doc.Table)
            html.Append(row[0].Length == 0 ? "<tr class=\"total\">" : "<tr>")
                .Append(string.Concat(row.Select((cell, i) => i < 2 ? $"<td>{E(cell)}</td>" : $"<td class=\"n\">{E(cell)}</td>"))).Append("</tr>");
        html.Append($"</tbody></table><h2>{ReasoningTitle}</h2>");
        foreach (var (title, lines) in doc.Reasoning)
            html.Append($"<h3>{E(title)}</h3><ul>").Append(string.Concat(lines.Select(line => $"<li>{E(line)}</li>"))).Append("</ul>");
        html.Append("<footer>").Append(string.Concat(doc.Footer.Select(line => $"<div>{E(line)}</div>")));
        return html.Append("</footer></body></html>").ToString();
    }

    private static readonly Dictionary<string, string> InputLabels = new()
    {
        [Kz2017.Inputs.TopBoxShare] = "Доля полностью удовлетворённых",
        [Kz2017.Inputs.PositiveShare] = "Доля удовлетворённых (4–5)",
        [Kz2017.Inputs.MonitoringHeld] = "Собственный мониторинг удовлетворённости проведён",
        [Kz2017.Inputs.MeasuresAdopted] = "Меры по итогам мониторинга приняты",
        [Kz2017.Inputs.Late] = "Просроченные оказания (различные)",
        [Kz2017.Inputs.Counted] = "Учитываемые оказания",
        [Kz2017.Inputs.PreviousShare] = "Доля просрочек за прошлый период",
        [Kz2017.Inputs.PreviousLate] = "Просроченные оказания за прошлый период",
        [Kz2017.Inputs.UnjustifiedRefusals] = "Необоснованные отказы",
        [Kz2017.Inputs.IncompletePackage] = "Оказание при неполном пакете документов",
        [Kz2017.Inputs.ExtraDocuments] = "Истребование документов сверх стандарта",
        [Kz2017.Inputs.BusinessProcess] = "Нарушения регламента",
        [Kz2017.Inputs.JustifiedComplaints] = "Обоснованные жалобы",
        [Kz2017.Inputs.FoundByInternalControl] = "Нарушения сроков, выявленные внутренним контролем",
        [ScorecardCalculator.PenaltyInput] = "Штрафные баллы",
        [AssessmentEvidence.PreviousFinal] = "Итоговая оценка за прошлый период",
    };

    private static readonly Dictionary<string, string> SourceLabels = new()
    {
        ["Survey"] = "общественный мониторинг", ["BodyReport"] = "отчёт госоргана", ["Deliveries"] = "отчёты об оказании услуг, ИС и проверки",
        ["Inspections+InternalControl"] = "проверки и внутренний контроль", ["Complaints"] = "жалобы", ["InternalControl"] = "внутренний контроль",
        ["Assessor"] = "решение оценщика", ["Assessment"] = "опубликованная оценка",
    };

    private static string N(decimal value, int decimals = 2) =>
        Presentation.Round(value, decimals).ToString(decimals == 0 ? "0" : "0.##", Ru);

    public static Section Build(string bodyName, AssessmentView assessment, PublishedRevision revision, MethodologyVersion version)
    {
        var p = revision.Published;
        var s = p.Scorecard;
        var table = s.Criteria.Select(c => new[] { c.Code, c.NameRu, N(c.Points), N(c.Max) }).ToList();
        table.Add(["", "Общая оценка по критериям", N(s.Sum), "100"]);
        table.Add(["", "Вычет штрафных баллов", N(s.Penalty), $"- {N(version.PenaltyCap)}"]);
        table.Add(["", "Итоговая оценка с учетом вычета штрафных баллов", N(s.Final), "100"]);

        var sources = p.Sources.ToDictionary(i => i.Name);
        string Input(string name)
        {
            var value = p.Inputs.GetValueOrDefault(name);
            var shown = value is null ? "нет данных" : ScorecardCalculator.F(value.Value);
            var label = InputLabels.TryGetValue(name, out var l) ? $"{l} ({name})" : name;
            return sources.TryGetValue(name, out var src)
                ? $"{label} = {shown} — источник: {SourceLabels.GetValueOrDefault(src.Source, src.Source)}; {src.Note} (событий: {src.EventCount})"
                : $"{label} = {shown}";
        }
        var reasoning = s.Criteria.SelectMany(c => c.Indicators.Select(i => (
            Title: $"{i.Code}. {i.NameRu}: {N(i.Points)} из {N(i.Max)}",
            Lines: (IReadOnlyList<string>)new List<string>
            {
                $"Формула: {Formula(i.Formula)}; параметры: {(i.Parameters.Count == 0 ? "нет" : string.Join(", ", i.Parameters.Select(kv => $"{kv.Key} = {ScorecardCalculator.F(kv.Value)}")))}",
                $"Расчёт: {i.Derivation}; без округления {ScorecardCalculator.F(i.Raw)}, в оценку {N(i.Points)}",
            }.Concat(i.Inputs.Keys.Select(Input)).ToList()))).ToList();
        // Penalties and withdrawals recorded on the assessment stream before this revision was published.
        var publishedAt = revision.PublishedBy.Version;
        var penalties = assessment.Penalties.Where(x => x.RecordedBy.Version <= publishedAt)
            .Select(x => $"{N(x.Event.Points)}: {x.Event.Reason} (основание: {x.Event.LegalBasis})"
                         + (assessment.PenaltyWithdrawals.Any(w => w.Event.PenaltyId == x.Event.PenaltyId && w.RecordedBy.Version <= publishedAt)
                             ? " — отозван" : ""))
            .ToList();
        reasoning.Add(($"Штрафные баллы: {N(s.Penalty)} (не более {N(version.PenaltyCap)})", penalties.Count == 0 ? ["Штрафные баллы не начислялись."] : penalties));
        var change = s.PreviousFinal is null
            ? "Итоговая оценка за предыдущий период неизвестна."
            : $"Итоговая оценка за предыдущий период {N(s.PreviousFinal.Value)}; изменение {(s.Change >= 0 ? "+" : "")}{N(s.Change!.Value)} балла" +
              (s.ChangePercent is { } pct ? $" ({(pct >= 0 ? "+" : "")}{N(pct, 0)}%)" : "") + ".";
        reasoning.Add(($"Итоговая оценка: {N(s.Final)} — «{s.Rating}»", [change]));

        var footer = new List<string>
        {
            $"Методика: {version.Code} — {version.Title}{(version.Reconstructed ? " (реконструкция: официальные формулы не опубликованы)" : "")}",
            $"Редакция {p.Revision}: {p.Reason}",
            $"Опубликовано: {revision.PublishedBy.RecordedAt.ToString("dd.MM.yyyy HH:mm:ss 'UTC'", Ru)}, {revision.PublishedBy.RecordedBy ?? "—"}",
            $"Доказательства учтены по событие № {p.EvidenceSequence} ({p.EvidenceAsOf.ToString("dd.MM.yyyy HH:mm:ss 'UTC'", Ru)})",
            $"Контрольная сумма (SHA-256): {p.ContentHash}",
            p.Journal is { } j
                ? $"Журнал событий: дайджест № {j.Id}, подписан {j.SignedAt.ToString("dd.MM.yyyy HH:mm:ss 'UTC'", Ru)} (ключ {j.KeyId}); " +
                  $"записей {j.TreeSize}, корень дерева Меркла (SHA-256): {j.Root}"
                : "Журнал событий: дайджест не записан (редакция опубликована до ведения журнала)",
        };
        return new Section($"{bodyName} — {assessment.Period} год (отчетный период)", table, reasoning, footer);
    }

    private static string Formula(FormulaKind kind) => kind switch
    {
        FormulaKind.ShareToPoints => "доля × максимум, округление до целых баллов",
        FormulaKind.PresentAbsent => "максимум при выполнении всех условий, иначе 0",
        FormulaKind.LinearDeduction => "максимум × (1 − факты / допуск), не ниже 0",
        FormulaKind.DeadlineShareWithImprovementBonus => "база × (1 − доля нарушений / предельная доля), не ниже 0, плюс балл за улучшение к прошлому периоду",
        FormulaKind.Bands => "баллы по интервалам доли",
        _ => kind.ToString(),
    };
}
