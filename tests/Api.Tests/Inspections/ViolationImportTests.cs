using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Inspections;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Tests.Inspections;

/// <summary>A host whose import limits are small enough to reach in a test: 256 KiB and 1,500 rows a file.</summary>
public sealed class ViolationImportFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Monitoring:Inspections:ImportMaxBytes"] = "262144",
        ["Monitoring:Inspections:ImportMaxRows"] = "1500",
    };
}

/// <summary>
/// An inspection's findings as a CSV file (POST /api/inspections/{id}/violations/import): all or nothing, every bad row
/// named by its line, the same file twice recording nothing new, against the real store.
/// </summary>
public sealed class ViolationImportTests(ViolationImportFixture fixture) : IClassFixture<ViolationImportFixture>
{
    private const string Header = "violationId,type,serviceCode,period,count,cases,evidence";
    private readonly HttpClient _inspector = fixture.Client("inspector", "aigerim");

    private Task<(string Inspection, string Body, string Service)> OpenAsync() => InspectionsApi.OpenAsync(fixture, _inspector);

    private static string File(string service, int rows, int from = 0) =>
        Header + "\n" + string.Concat(Enumerable.Range(from, rows).Select(i => i % 4 == 0
            ? $"v{i},DeadlineBreach,{service},2017,,APP-{i}-1;APP-{i}-2,\"Акт № {i}, п. 3\"\n"
            : $"v{i},IncompletePackage,{service},2017,{i},,\"Акт № {i}, п. 4\"\n"));

    private Task<HttpResponseMessage> Import(string inspection, string csv, HttpClient? client = null, string contentType = "text/csv") =>
        (client ?? _inspector).PostAsync($"/api/inspections/{inspection}/violations/import",
            new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } });

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiFixture.ReadJson(response);
    }

    private Task<InspectionView> View(string inspection) => fixture.GetAsync<InspectionView>($"/api/inspections/{inspection}", "inspector");

    /// <summary>Nothing was written: no violation in the read model, the stream still at its first event.</summary>
    private async Task NothingRecorded(string inspection)
    {
        var view = await View(inspection);
        view.Violations.ShouldBeEmpty();
        view.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_file_records_every_row_in_one_write_visible_in_the_inspection_and_the_violation_totals()
    {
        var (inspection, body, service) = await OpenAsync();
        var result = await Ok(await Import(inspection, File(service, 1_200)));
        result.GetProperty("rows").GetInt32().ShouldBe(1_200);
        result.GetProperty("recorded").GetInt32().ShouldBe(1_200);
        result.GetProperty("skipped").GetInt32().ShouldBe(0);
        // Two events (1,000 violations each at most) after the opening.
        result.GetProperty("version").GetInt64().ShouldBe(3);

        var view = await View(inspection);
        view.Version.ShouldBe(3);
        view.Violations.Count.ShouldBe(1_200);
        view.Violations.Select(v => v.ViolationId).Distinct().Count().ShouldBe(1_200);
        var v4 = view.Violations.Single(v => v.ViolationId == "v4");
        (v4.Type, v4.Count, v4.Evidence).ShouldBe((ViolationType.DeadlineBreach, 2L, "Акт № 4, п. 3"));
        v4.Cases.ShouldBe(["APP-4-1", "APP-4-2"]);
        v4.History.ShouldHaveSingleItem().RecordedBy.RecordedBy.ShouldBe("aigerim (inspector)");
        view.Violations.Single(v => v.ViolationId == "v5").Count.ShouldBe(5);

        var totals = await fixture.GetAsync<List<ViolationTotal>>($"/api/inspections/violations?body={body}&groupBy=type", "inspector");
        totals.ToDictionary(t => t.Group["type"]!, t => (t.Count, t.Violations)).ShouldBe(new Dictionary<string, (long, int)>
        {
            ["DeadlineBreach"] = (300 * 2, 300),
            ["IncompletePackage"] = (Enumerable.Range(0, 1_200).Where(i => i % 4 != 0).Sum(i => (long)i), 900),
        });

        // Recorded from a file, a violation is revoked and corrected as one recorded alone.
        (await _inspector.PostAsync($"/api/inspections/{inspection}/violations/v5/revoke", ApiFixture.JsonBody(new { reason = "Дубликат" })))
            .EnsureSuccessStatusCode();
        (await View(inspection)).Violations.Single(v => v.ViolationId == "v5").Revoked.ShouldBeTrue();
    }

    [Fact]
    public async Task The_same_file_again_records_nothing_and_answers_as_before_even_sent_at_once_three_times()
    {
        var (inspection, _, service) = await OpenAsync();
        var file = File(service, 30);
        await Ok(await Import(inspection, file));
        var again = await Ok(await Import(inspection, file.Replace("\n", "\r\n")));
        (again.GetProperty("recorded").GetInt32(), again.GetProperty("skipped").GetInt32(), again.GetProperty("version").GetInt64()).ShouldBe((0, 30, 2L));

        // Sent three times at once into another inspection: the writers race for the stream, the losers decide again on
        // what the winner wrote, and every row is recorded once.
        var (other, _, otherService) = await OpenAsync();
        var raced = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Import(other, File(otherService, 30))));
        var answers = await Task.WhenAll(raced.Select(Ok));
        answers.Sum(a => a.GetProperty("recorded").GetInt32()).ShouldBe(30);
        answers.ShouldAllBe(a => a.GetProperty("recorded").GetInt32() + a.GetProperty("skipped").GetInt32() == 30);
        (await View(other)).Violations.Count.ShouldBe(30);

        // Part of a file already recorded: the rest is recorded, the rows already there skipped.
        var more = await Ok(await Import(inspection, File(service, 40)));
        (more.GetProperty("recorded").GetInt32(), more.GetProperty("skipped").GetInt32()).ShouldBe((10, 30));
        (await View(inspection)).Violations.Count.ShouldBe(40);
    }

    [Fact]
    public async Task A_bad_row_is_named_by_its_line_and_field_and_nothing_is_written()
    {
        var (inspection, _, service) = await OpenAsync();
        var rows = File(service, 6).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

        // A cell that does not read (line 4: the type).
        var unreadable = rows.ToList();
        unreadable[3] = $"v2,Shouting,{service},2017,1,,Акт";
        var refusal = await ApiFixture.Refusal(await Import(inspection, string.Join('\n', unreadable)));
        refusal.Errors.Keys.ShouldBe(["rows[4].type"]);
        refusal.Errors["rows[4].type"].ShouldHaveSingleItem().ShouldStartWith("'Shouting' is not one of DeadlineBreach");

        // A row a single RecordViolation's validator refuses (line 6: no count and no cases; line 3: no year in range).
        var invalid = rows.ToList();
        invalid[5] = $"v4,IncompletePackage,{service},2017,0,,Акт";
        invalid[2] = $"v1,IncompletePackage,{service},1999,1,,Акт";
        refusal = await ApiFixture.Refusal(await Import(inspection, string.Join('\n', invalid)));
        refusal.Errors.Keys.Order().ShouldBe(["rows[3].period", "rows[6].count"]);
        refusal.Errors["rows[6].count"].ShouldBe(["give a positive count, or the individual cases"]);

        // A row the inspection refuses (line 5: a service out of its scope), and an id repeated (line 8 repeats line 2's).
        var outOfScope = rows.ToList();
        outOfScope[4] = $"v3,IncompletePackage,PM-ELSEWHERE,2017,1,,Акт";
        outOfScope.Add($"v0,IncompletePackage,{service},2017,1,,Акт");
        refusal = await ApiFixture.Refusal(await Import(inspection, string.Join('\n', outOfScope)));
        refusal.Errors.Keys.Order().ShouldBe(["rows[5].serviceCode", "rows[8].violationId"]);
        refusal.Errors["rows[8].violationId"].ShouldBe(["'v0' is already in rows[2]"]);

        await NothingRecorded(inspection);
    }

    [Fact]
    public async Task A_row_recorded_before_with_other_content_is_a_conflict_naming_its_line_and_nothing_is_written()
    {
        var (inspection, _, service) = await OpenAsync();
        (await _inspector.PostAsync($"/api/inspections/{inspection}/violations", ApiFixture.JsonBody(new
        {
            violationId = "v3", type = "IncompletePackage", serviceCode = service, period = 2017, count = 3, evidence = "Акт № 3, п. 4",
        }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // Recorded alone with the same content as the file's line 5: skipped.
        var same = await Ok(await Import(inspection, File(service, 4)));
        (same.GetProperty("recorded").GetInt32(), same.GetProperty("skipped").GetInt32()).ShouldBe((3, 1));

        var changed = File(service, 8).Replace("\"Акт № 3, п. 4\"", "\"Акт № 3, п. 5\"");
        var conflict = await Import(inspection, changed);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await ApiFixture.ReadJson(conflict);
        problem.GetProperty("detail").GetString().ShouldStartWith("rows[5]: violation 'v3' is already recorded");
        var view = await View(inspection);
        view.Violations.Count.ShouldBe(4); // v4..v7 of the refused file were not recorded either
        view.Violations.Single(v => v.ViolationId == "v3").Evidence.ShouldBe("Акт № 3, п. 4");
    }

    [Fact]
    public async Task Only_inspectors_import_and_a_closed_inspection_takes_nothing_new()
    {
        var (inspection, body, service) = await OpenAsync();
        var file = File(service, 5);
        foreach (var client in new[] { fixture.Client("steward", body: body), fixture.Client("analyst"), fixture.Client("admin"), fixture.Client("auditor") })
            (await Import(inspection, file, client)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Import(inspection, file, fixture.Client(null))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await NothingRecorded(inspection);

        await Ok(await Import(inspection, file));
        (await _inspector.PostAsync($"/api/inspections/{inspection}/close", ApiFixture.JsonBody(new
        {
            closedOn = "2018-03-01", findings = "Выявлены нарушения", recommendations = Array.Empty<object>(),
        }))).EnsureSuccessStatusCode();
        var closed = await Import(inspection, File(service, 6));
        closed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiFixture.ReadJson(closed)).GetProperty("detail").GetString()!.ShouldContain("is closed");
        // The file it already holds, sent again (a retry after a lost answer), still answers as the first time did.
        (await Ok(await Import(inspection, file))).GetProperty("skipped").GetInt32().ShouldBe(5);
        (await View(inspection)).Violations.Count.ShouldBe(5);

        (await Import("INS-NO-SUCH", file)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Hostile_files_are_refused_by_line_and_column_and_text_is_stored_as_text()
    {
        var (inspection, _, service) = await OpenAsync();
        var row = $"v1,DeadlineBreach,{service},2017,2,,Акт";

        async Task<IDictionary<string, string[]>> Refused(string csv, string? contentType = null) =>
            (await ApiFixture.Refusal(await Import(inspection, csv, contentType: contentType ?? "text/csv"))).Errors;

        (await Refused("")).Keys.ShouldBe(["header"]);
        (await Refused($"violationId,type,serviceCode,period,evidence\n")).Keys.ShouldBe(["violations"]);
        (await Refused($"violation,type,serviceCode,period,count,evidence\n{row}"))["header"].ShouldBe([
            "unknown column 'violation' (the columns are: violationId,type,serviceCode,period,evidence,unitCode,count,cases)",
            "missing column violationId (the first line names the columns: violationId,type,serviceCode,period,evidence,unitCode,count,cases)"]);
        (await Refused($"{Header},evidence\n{row}"))["header"].ShouldBe(["column 'evidence' appears twice"]);
        (await Refused($"{Header}\nv1,DeadlineBreach,{service},2017,2,,\"Акт{new string('x', 5_000)}\""))
            ["rows[2].evidence"].ShouldBe(["is 5003 characters long; at most 4000 allowed"]);
        (await Refused($"{Header}\nv1,DeadlineBreach,{service},2017,2,,Акт\u202Eтка"))["rows[2].evidence"].ShouldHaveSingleItem()
            .ShouldContain("U+202E");
        (await Refused($"{Header}\nv1,DeadlineBreach,{service},99999999999,2,,Акт"))["rows[2].period"].ShouldHaveSingleItem()
            .ShouldContain("is not a whole number");
        (await Refused($"{Header}\nv1,DeadlineBreach,{service},2017,2,,\"Акт\" п. 3"))["rows[2]"].ShouldHaveSingleItem().ShouldContain("quote");
        (await Refused($"{Header}\n" + string.Concat(Enumerable.Range(0, 1_501).Select(i => $"x{i},Other,{service},2017,1,,e\n"))))
            ["rows[1502]"].ShouldBe(["the file has more than 1,500 rows"]);
        await NothingRecorded(inspection);

        var tooLarge = await Import(inspection, Header + "\n" + new string('x', 300_000));
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await ApiFixture.ReadJson(tooLarge)).GetProperty("detail").GetString()!.ShouldContain("Monitoring:Inspections:ImportMaxBytes");
        (await Import(inspection, row, contentType: "application/json")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        // A spreadsheet's file: a byte-order mark, semicolons, names in snake_case; a cell that looks like a formula is text.
        var formula = "=HYPERLINK(\"http://evil.example\";\"Нажмите\")";
        var spreadsheet = $"\uFEFFviolation_id;Type;service_code;period;count;cases;evidence;unit_code\r\n" +
                          $"v1;deadlinebreach;{service};2017;;\"A-1;A-2\";\"{formula.Replace("\"", "\"\"")}\";\r\n";
        await Ok(await Import(inspection, spreadsheet));
        var stored = (await View(inspection)).Violations.ShouldHaveSingleItem();
        (stored.Type, stored.Count, stored.Evidence).ShouldBe((ViolationType.DeadlineBreach, 2L, formula));
    }
}
