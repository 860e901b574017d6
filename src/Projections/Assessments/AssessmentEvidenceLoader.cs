using Monitoring.Projections.Complaints;
using Monitoring.Projections.Deliveries;
using Monitoring.Projections.Inspections;
using Monitoring.Projections.Journal;
using Monitoring.Projections.Surveys;

namespace Monitoring.Projections.Assessments;

/// <summary>One item of the evidence log, in recording order: an event of the body's streams, or a survey event's answers pooled for the body.</summary>
public abstract record EvidenceItem(EvidenceRef Ref);
public sealed record EventEvidence(EvidenceRef Ref, object Data) : EvidenceItem(Ref);
public sealed record SurveyEvidence(EvidenceRef Ref, long Raters, long TopBox, long Positive) : EvidenceItem(Ref);
public sealed record PassportEvidence(string Service, int Period, ServicePassport Passport, EvidenceRef Ref);

/// <summary>
/// The evidence of a body and period as it stood at a global event sequence: the ordered log of the events behind the
/// inputs, the passports that decide the one-day exclusion, and <see cref="Evidence"/>, all of it folded.
/// <see cref="SurveyComplete"/> is false while the asynchronous survey read model has not yet reached the sequence
/// (the share may still move).
/// </summary>
public sealed record EvidenceLog(
    string BodyCode, int Period, long Sequence, DateTimeOffset AsOf, IReadOnlyList<EvidenceItem> Items, IReadOnlyList<PassportEvidence> Passports,
    bool SurveyComplete, AssessmentEvidence Evidence)
{
    /// <summary>Whether the events read from the store are as they were appended (checked against the journal).</summary>
    public EvidenceIntegrity Integrity { get; init; } = EvidenceIntegrity.NotChecked;

    /// <summary>The passports without any event yet: where a replay of <see cref="Items"/> starts.</summary>
    public AssessmentEvidence Start() => WithPassports(new AssessmentEvidence(BodyCode, Period, Items.Count(i => i is EventEvidence)), Passports);

    public static AssessmentEvidence WithPassports(AssessmentEvidence evidence, IEnumerable<PassportEvidence> passports)
    {
        foreach (var p in passports) evidence.SetPassport(p.Service, p.Period, p.Passport, p.Ref);
        return evidence;
    }

    public static void Apply(AssessmentEvidence evidence, EvidenceItem item)
    {
        switch (item)
        {
            case EventEvidence e: evidence.Add(e.Ref, e.Data); break;
            case SurveyEvidence s: evidence.AddSurvey(s.Ref, s.Raters, s.TopBox, s.Positive); break;
        }
    }
}

/// <summary>
/// Reads the evidence of a body and period up to a moment (recording time) or, by default, everything recorded:
/// the events of its delivery, internal-control, inspection, complaint and assessment streams (found through their
/// inline documents, read from the event store up to the cut-off sequence), the survey facts of its services in the
/// period's public monitoring up to the same sequence, and the passports recorded by then.
/// </summary>
public sealed class AssessmentEvidenceLoader(ReadModelDatabase db, IQuerySession session, KeptEvidence kept)
{
    /// <summary>The evidence as it stood at <paramref name="asOf"/> (everything recorded without it), with the assessment's record (null when none is open).</summary>
    public async Task<(EvidenceLog Log, AssessmentView? Assessment)> LoadAsync(string body, int period, DateTimeOffset? asOf, CancellationToken ct)
    {
        var moment = asOf ?? DateTimeOffset.UtcNow;
        // How far the survey read model has got (a connection of its own, while the batch runs). Read before the survey
        // rows are: a read model that had reached the cut-off then already holds every row up to it.
        var surveyProgress = SurveyProgressAsync(ct);

        var previous = period - 1;
        // One round trip finds the assessment's record, the cut-off (the global sequence the evidence is read up to: the
        // last event recorded at or before asOf, or the last event of all), the body's streams (through their inline
        // documents) and the period's public monitoring.
        var batch = session.CreateBatchQuery();
        var assessment = batch.Load<AssessmentView>(Assessment.StreamKey(body, period));
        var recorded = batch.Query<IEvent>();
        if (asOf is { } until) recorded = recorded.Where(e => e.Timestamp <= until);
        var cutOff = recorded.OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefault();
        var deliveries = batch.Query<DeliveryReportView>()
            .Where(r => r.Report.BodyCode == body && (r.Report.Period == period || r.Report.Period == previous)).Select(r => r.Id).ToList();
        var internalControl = batch.Query<InternalControlReportView>()
            .Where(r => r.Report.BodyCode == body && r.Report.Period == period).Select(r => r.Id).ToList();
        var inspections = batch.Query<InspectionView>().Where(i => i.BodyCode == body).Select(i => i.Id).ToList();
        var complaints = batch.Query<ComplaintView>().Where(c => c.BodyCode == body && c.Period == period).Select(c => c.Id).ToList();
        var campaigns = batch.Query<SurveyCampaignView>()
            .Where(c => c.Period == period && c.Kind == SurveyKind.NationalPublicMonitoring).Select(c => c.Code).ToList();
        await batch.Execute(ct);
        var sequence = await cutOff;
        var streams = new List<string> { Assessment.StreamKey(body, period), Assessment.StreamKey(body, previous) };
        foreach (var ids in new[] { deliveries, internalControl, inspections, complaints }) streams.AddRange(await ids);

        var progress = await surveyProgress;
        // The events of all those streams, each checked against the journal (so a figure computed from history changed
        // after it was appended says so), and the survey rows, on connections of their own at the same time. (Survey
        // answers are read from their read model, which the full verification covers.)
        var survey = kept.SurveyAsync(db, body, period, await campaigns, sequence, ct);
        var read = await kept.EventsAsync(db, streams, sequence, ct);
        var items = InOrder(read.Select(e => e.Item).ToList(), await survey);

        var evidence = new AssessmentEvidence(body, period, read.Count);
        foreach (var item in items) EvidenceLog.Apply(evidence, item);
        // The delivery reports folded above say which services' passports decide the one-day exclusion.
        var passports = await PassportsAsync(evidence.ServicesNeedingPassports().ToList(), sequence, ct);
        var log = new EvidenceLog(body, period, sequence, moment, items, passports.Select(p => p.Passport).ToList(), progress >= sequence,
            EvidenceLog.WithPassports(evidence, passports.Select(p => p.Passport)))
        {
            Integrity = EvidenceIntegrity.Of(read.Concat(passports.Select(p => p.RecordedBy)).Select(e => (e.Sequence, e.Problem))),
        };
        return (log, await assessment);
    }

    /// <summary>The events and the survey rows (each read in sequence order) in one recording order, merged as they come.</summary>
    private static List<EvidenceItem> InOrder(IReadOnlyList<EvidenceItem> events, IReadOnlyList<EvidenceItem> survey)
    {
        var items = new List<EvidenceItem>(events.Count + survey.Count);
        int e = 0, s = 0;
        while (e < events.Count || s < survey.Count)
            items.Add(s == survey.Count || (e < events.Count && events[e].Ref.Sequence <= survey[s].Ref.Sequence) ? events[e++] : survey[s++]);
        return items;
    }

    /// <summary>
    /// Waits, up to <paramref name="timeout"/>, until the survey read model has reached the last event recorded now: the
    /// bar <see cref="EvidenceLog.SurveyComplete"/> of a live read sets. False when it has not by then. For a sender
    /// about to freeze the figures (publication), never for a handler. It follows the shard's recorded progress, which
    /// any node may be advancing; Marten's "non-stale" waits aim at the sequence's last value instead, which a rolled
    /// back append leaves unreachable until the next one.
    /// </summary>
    public async Task<bool> WaitForSurveyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var sequence = await EventCutOff.SequenceAsync(session, null, ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (await SurveyProgressAsync(deadline.Token) < sequence) await Task.Delay(250, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    // The progress in the database this session reads (the primary, or the replica the request reads from).
    private Task<long> SurveyProgressAsync(CancellationToken ct) => SurveyFactsProjection.ProgressAsync(session.Database, ct);

    /// <summary>The passport valid at each period's end among those recorded up to the sequence, with the event that recorded it.</summary>
    private async Task<IReadOnlyList<(PassportEvidence Passport, EvidenceEvent RecordedBy)>> PassportsAsync(
        IReadOnlyList<(string Service, int Period)> needed, long sequence, CancellationToken ct)
    {
        if (needed.Count == 0) return [];
        var keys = needed.Select(n => PublicService.StreamKey(n.Service)).Distinct().ToArray();
        // Inline documents keep (stream, version); the event store tells which of those versions were recorded by the
        // cut-off, and their sequences (read on its own connection while the session loads the documents).
        var recordedBy = kept.EventsAsync(db, keys, sequence, ct);
        var services = (await session.LoadManyAsync<CatalogueService>(ct, keys)).ToDictionary(s => s.Code);
        var recorded = (await recordedBy).ToDictionary(e => (e.Item.Ref.Stream, e.Item.Ref.Version));
        var list = new List<(PassportEvidence, EvidenceEvent)>();
        foreach (var (code, forPeriod) in needed)
        {
            if (!services.TryGetValue(code, out var service)) continue;
            var known = service.Passports.Where(p => recorded.ContainsKey((p.RecordedBy.StreamKey, p.RecordedBy.Version))).ToList();
            var valid = EffectiveDated.ValidOn(known, service.RetiredOn, new DateOnly(forPeriod, 12, 31), p => p.Passport.EffectiveFrom);
            if (valid is null) continue;
            var e = recorded[(valid.RecordedBy.StreamKey, valid.RecordedBy.Version)];
            list.Add((new PassportEvidence(code, forPeriod, valid.Passport, e.Item.Ref with { BusinessDate = valid.Passport.EffectiveFrom, Source = "Catalogue" }), e));
        }
        return list;
    }
}
