namespace Monitoring.Projections.Assessments;

public static class AssessmentsStore
{
    public static StoreOptions ConfigureAssessments(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([
            typeof(AssessmentOpened), typeof(SatisfactionMeasuresReported), typeof(SatisfactionMeasuresRecognised), typeof(PenaltyAssessed),
            typeof(PenaltyWithdrawn), typeof(AssessmentPublished),
        ]);
        opts.Projections.Add(new AssessmentViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new WriteModelAggregation<Assessment>(Assessment.Evolve), ProjectionLifecycle.Live);
        return opts;
    }
}
