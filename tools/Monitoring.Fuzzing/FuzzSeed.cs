using System.Net.Http.Json;

namespace Monitoring.Fuzzing;

/// <summary>
/// Records, through the API itself, the few records the fuzzer's plausible requests name: a body, a service, a campaign,
/// inspections (one open with violations, one to close, one closed with a recommendation), a complaint and an
/// assessment with a penalty. The client must carry a token with every role.
/// </summary>
public static class FuzzSeed
{
    public static async Task<FuzzIds> CreateAsync(HttpClient client, string suffix, CancellationToken ct = default)
    {
        var s = suffix.ToUpperInvariant();
        const int period = 2019;
        var ids = new FuzzIds(
            Body: $"FZB-{s}", Service: $"FZS-{s}", Campaign: $"FZC-{s}", Inspection: $"FZI-{s}", Violation: "v1", ViolationToRevoke: "v2",
            InspectionToClose: $"FZI-{s}-C", ClosedInspection: $"FZI-{s}-X", Recommendation: "r1", Complaint: $"FZK-{s}",
            Methodology: "KZ-2017", Period: period, Penalty: "p1", BodyToRetire: $"FZB-{s}-R", ServiceToRetire: $"FZS-{s}-R");

        async Task Post(string path, object body)
        {
            using var response = await client.PostAsJsonAsync(path, body, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Seeding failed: POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        object Body(string code) => new
        {
            code, nameRu = $"Орган {code}", nameKk = $"{code} органы", level = "Central", parentCode = (string?)null, regionCode = "KZ-KAR",
            effectiveFrom = "2017-01-01",
        };
        object Service(string code) => new
        {
            code, nameRu = $"Услуга {code}", nameKk = $"{code} қызметі",
            passport = new
            {
                bodyCode = ids.Body, level = "Central", channels = new[] { "Body", "StateCorporation", "EGov" },
                standardTerm = new { value = 5, unit = "WorkingDays" }, maxQueueWaitMinutes = 30, paid = false, effectiveFrom = "2017-01-01",
            },
        };
        object Inspection(string id) => new
        {
            inspectionId = id, bodyCode = ids.Body, kind = "Planned", services = new[] { ids.Service },
            periodFrom = $"{period}-01-01", periodTo = $"{period}-12-31", legalBasis = "План проверок", openedOn = $"{period + 1}-02-01",
        };
        object Violation(string id) => new
        {
            violationId = id, type = "DeadlineBreach", serviceCode = ids.Service, period, count = 5, evidence = "Акт проверки, п. 3",
        };

        // The seeded body and the plausible answers name KZ-KAR: a host without the demo data needs it registered (409: it is).
        using (var territory = await client.PostAsJsonAsync("/api/catalogue/territories",
                   new { code = "KZ-KAR", country = "KZ", nameRu = "Карагандинская область" }, ct))
            if (!territory.IsSuccessStatusCode && territory.StatusCode != System.Net.HttpStatusCode.Conflict)
                throw new InvalidOperationException($"Seeding failed: POST /api/catalogue/territories answered {(int)territory.StatusCode}");
        await Post("/api/catalogue/bodies", Body(ids.Body));
        await Post("/api/catalogue/bodies", Body(ids.BodyToRetire));
        await Post("/api/catalogue/services", Service(ids.Service));
        await Post("/api/catalogue/services", Service(ids.ServiceToRetire));
        await Post("/api/surveys/campaigns", new
        {
            code = ids.Campaign, title = "Волна фаззинга", period, kind = "NationalPublicMonitoring", scale = 5, rankingRule = "ByMeanThenTopBox",
            methodology = "KZ-2018", smallSampleThreshold = 2, criteria = new[] { "Trust", "Deadlines" }, services = new[] { ids.Service },
        });
        foreach (var inspection in new[] { ids.Inspection, ids.InspectionToClose, ids.ClosedInspection })
            await Post("/api/inspections", Inspection(inspection));
        await Post($"/api/inspections/{ids.Inspection}/violations", Violation(ids.Violation));
        await Post($"/api/inspections/{ids.Inspection}/violations", Violation(ids.ViolationToRevoke));
        await Post($"/api/inspections/{ids.ClosedInspection}/close", new
        {
            closedOn = $"{period + 1}-03-01", findings = "Выявлены нарушения",
            recommendations = new[] { new { recommendationId = ids.Recommendation, text = "Устранить" } },
        });
        await Post("/api/complaints", new
        {
            complaintId = ids.Complaint, bodyCode = ids.Body, serviceCode = ids.Service, channel = "Body", lodgedOn = $"{period}-03-01",
            summary = "Нарушен срок",
        });

        // The default methodology is published by a background service once the host has started: wait for it.
        for (var i = 0; ; i++)
        {
            using var methodology = await client.GetAsync($"/api/methodologies/{ids.Methodology}", ct);
            if (methodology.IsSuccessStatusCode)
            {
                var view = System.Text.Json.Nodes.JsonNode.Parse(await methodology.Content.ReadAsStringAsync(ct));
                ids = ids with { MethodologyVersionJson = view?["version"]?.ToJsonString() };
                break;
            }
            if (i >= 120) throw new InvalidOperationException($"Seeding failed: methodology {ids.Methodology} never appeared");
            await Task.Delay(500, ct);
        }
        await Post("/api/assessments", new { bodyCode = ids.Body, period, methodologyCode = ids.Methodology, previousFinal = 40.5, previousFinalSource = "Заключение" });
        await Post($"/api/assessments/{ids.Body}/{period}/penalties", new { penaltyId = ids.Penalty, points = 1, reason = "Нарушение", legalBasis = "п. 5" });
        return ids;
    }

    /// <summary>A short suffix that makes a run's seeded codes unique on a database used before.</summary>
    public static string NewSuffix() => Guid.NewGuid().ToString("N")[..6];
}
