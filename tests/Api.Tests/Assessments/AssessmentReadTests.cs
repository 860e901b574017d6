using System.Net;
using Marten;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Projections.Assessments;
using Npgsql;

namespace Monitoring.Api.Tests.Assessments;

/// <summary>
/// The reads of an assessment all come from one fold of its evidence, read once per request and kept between requests by
/// the row versions of its events: the history replays that fold event by event and must show, at every change, what
/// the scorecard as of that moment shows; the explanation's events must be the stored events; and an event changed in
/// the database after it was first read must be read, counted and reported again.
/// </summary>
public sealed class AssessmentReadTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _inspector = fixture.Client("inspector", "marat");

    [Fact]
    public async Task History_shows_at_every_change_the_scorecard_as_of_that_moment_and_the_explained_events_are_the_stored_ones()
    {
        var k = await KaragandaScenario.OpenAsync(fixture);
        var url = $"/api/assessments/{k.Body}/2017";
        // A later change: the business-process violations revoked (3.4 back to 3, the final up by 3).
        (await _inspector.PostAsync($"/api/inspections/{k.Body}-2017/violations/b/revoke", ApiFixture.JsonBody(new { reason = "Акт отменён судом" })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var opened = (await fixture.GetAsync<AssessmentView>($"{url}/record")).OpenedBy.RecordedAt;

        foreach (var figure in new[] { "final", "3.4", "deadlines.late", "satisfaction.topBoxShare" })
        {
            var history = await fixture.GetAsync<FigureHistory>($"{url}/history?figure={figure}");
            history.Changes.Count.ShouldBeGreaterThan(1, figure);
            history.Changes[^1].To.ShouldBe(history.Current, figure);
            for (var i = 1; i < history.Changes.Count; i++) history.Changes[i].From.ShouldBe(history.Changes[i - 1].To, figure);
            foreach (var change in history.Changes.Where(c => c.Event.RecordedAt >= opened))
            {
                var moment = change.Event.RecordedAt;
                // As of a moment the figure is the last change recorded by then (events recorded together count together).
                var expected = history.Changes.Last(c => c.Event.RecordedAt <= moment).To;
                var asOf = await fixture.GetAsync<AssessmentScorecard>($"{url}?asOf={Uri.EscapeDataString(moment.ToString("O"))}");
                Figure(asOf, figure).ShouldBe(expected, $"{figure} as of {moment:O} ({change.Event.EventType} at {change.Event.Sequence})");
            }
        }
        (await fixture.GetAsync<FigureHistory>($"{url}/history?figure=final")).Changes[^1].Event.EventType.ShouldBe("violation_revoked");

        // Every event an explanation names is the stored event, as Marten reads it: stream, version, type, time and recorder.
        var explained = await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure=final&events=10000");
        var events = explained.Indicators.SelectMany(i => i.Inputs).Concat(explained.OtherInputs).SelectMany(i => i.Events)
            .DistinctBy(e => e.Sequence).ToList();
        events.Count.ShouldBeGreaterThan(10);
        explained.Indicators.SelectMany(i => i.Inputs).ShouldAllBe(i => i.Events.Count == i.EventCount);
        await using var session = fixture.Store.QuerySession();
        var sequences = events.Select(e => e.Sequence).ToArray();
        var stored = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(sequences)).ToListAsync()).ToDictionary(e => e.Sequence);
        foreach (var e in events)
        {
            var s = stored[e.Sequence];
            (e.Stream, e.Version, e.EventType, e.RecordedAt, e.RecordedBy).ShouldBe((s.StreamKey!, s.Version, s.EventTypeName, s.Timestamp, s.UserName));
        }
        explained.Integrity.Verified.ShouldBeTrue();
        explained.Integrity.EventsChecked.ShouldBeGreaterThanOrEqualTo(events.Count(e => !e.Stream.StartsWith("import:")));
    }

    [Fact]
    public async Task An_event_changed_in_the_database_after_it_was_read_is_read_again_counted_as_changed_and_reported()
    {
        var k = await KaragandaScenario.OpenAsync(fixture);
        var url = $"/api/assessments/{k.Body}/2017";
        const string input = "violations.businessProcess";
        var before = await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure={input}");
        before.Integrity.Verified.ShouldBeTrue();
        var value = before.OtherInputs.Single().Value!.Value;
        var violation = before.OtherInputs.Single().Events.Single(e => e.EventType == "violation_recorded");

        // The 2,637 business-process breaches rewritten to 100 behind the application's back, after the explanation read them.
        await SqlAsync($"update monitoring.mt_events set data = jsonb_set(data, '{{count}}', '100') where seq_id = {violation.Sequence}");
        try
        {
            var changed = await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure={input}");
            changed.OtherInputs.Single().Value.ShouldBe(value - 2_637 + 100);
            changed.Integrity.Verified.ShouldBeFalse();
            changed.Integrity.Problems.ShouldHaveSingleItem().Sequence.ShouldBe(violation.Sequence);
            (await fixture.GetAsync<AssessmentScorecard>(url)).Integrity.Verified.ShouldBeFalse();
        }
        finally
        {
            await SqlAsync($"update monitoring.mt_events set data = jsonb_set(data, '{{count}}', '2637') where seq_id = {violation.Sequence}");
        }

        var restored = await fixture.GetAsync<ScorecardExplanation>($"{url}/explain?figure={input}");
        restored.OtherInputs.Single().Value.ShouldBe(value);
        restored.Integrity.Verified.ShouldBeTrue();
    }

    private static decimal? Figure(AssessmentScorecard s, string figure) => figure switch
    {
        "final" => s.Scorecard.Final,
        _ => s.Scorecard.Criteria.SelectMany(c => c.Indicators).FirstOrDefault(i => i.Code == figure)?.Points
             ?? s.Inputs.Single(i => i.Name == figure).Value,
    };

    private async Task SqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(fixture.OwnerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
