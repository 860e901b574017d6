namespace Monitoring.Domain.Methodology;

/// <summary>
/// The default methodology version "KZ-2017", RECONSTRUCTED from the Karaganda 2017 assessment conclusion because the
/// official formulas are not public (see docs in shared/domain/methodology-kz-2017.md). Every parameter is data.
/// </summary>
public static class Kz2017
{
    public static class Inputs
    {
        public const string TopBoxShare = "satisfaction.topBoxShare";
        /// <summary>Satisfied or fully satisfied (4 or 5 of 5): for versions whose survey rule is <see cref="SatisfiedMeans.TopTwoBoxes"/>.</summary>
        public const string PositiveShare = "satisfaction.positiveShare";
        public const string MonitoringHeld = "measures.ownMonitoringHeld";
        public const string MeasuresAdopted = "measures.adopted";
        public const string Late = "deadlines.late";
        public const string Counted = "deadlines.counted";
        public const string PreviousShare = "deadlines.previousShare";
        public const string PreviousLate = "deadlines.previousLate";
        public const string UnjustifiedRefusals = "violations.unjustifiedRefusals";
        public const string IncompletePackage = "violations.incompletePackage";
        public const string ExtraDocuments = "violations.extraDocuments";
        public const string BusinessProcess = "violations.businessProcess";
        public const string JustifiedComplaints = "complaints.justified";
        public const string FoundByInternalControl = "internalControl.deadlineViolationsFound";
    }

    private static IndicatorDefinition Deduction(string code, string name, decimal max, decimal tolerance, string input) =>
        new(code, name, max, FormulaKind.LinearDeduction, new Dictionary<string, decimal> { ["tolerance"] = tolerance }, [input]);

    public static readonly MethodologyVersion Version = new(
        "KZ-2017", "Методика оценки взаимодействия госоргана с физическими и юридическими лицами (2017), реконструкция", Reconstructed: true,
        [
            new("1", "Удовлетворённость услугополучателей", 40,
            [
                new("1.1", "Уровень удовлетворённости", 35, FormulaKind.ShareToPoints, new Dictionary<string, decimal>(), [Inputs.TopBoxShare]),
                new("1.2", "Меры по повышению удовлетворённости", 5, FormulaKind.PresentAbsent, new Dictionary<string, decimal>(),
                    [Inputs.MonitoringHeld, Inputs.MeasuresAdopted]),
            ]),
            new("2", "Соблюдение сроков оказания услуг", 33,
            [
                new("2.1", "Доля нарушений сроков", 33, FormulaKind.DeadlineShareWithImprovementBonus,
                    new Dictionary<string, decimal> { ["base"] = 32, ["vMax"] = 0.0005m, ["bonus"] = 1 },
                    [Inputs.Late, Inputs.Counted, Inputs.PreviousShare, Inputs.PreviousLate]),
            ]),
            new("3", "Обеспечение качества оказания услуг", 17,
            [
                Deduction("3.1", "Необоснованные отказы", 3, 480, Inputs.UnjustifiedRefusals),
                Deduction("3.2", "Оказание услуги при неполном пакете документов", 3, 480, Inputs.IncompletePackage),
                Deduction("3.3", "Истребование документов сверх стандарта", 3, 480, Inputs.ExtraDocuments),
                Deduction("3.4", "Нарушения регламента (бизнес-процесса)", 3, 480, Inputs.BusinessProcess),
                Deduction("3.5", "Обоснованные жалобы", 5, 2000, Inputs.JustifiedComplaints),
            ]),
            new("4", "Внутренний контроль", 10,
            [
                new("4.1", "Доля нарушений сроков, выявленных внутренним контролем", 10, FormulaKind.Bands, new Dictionary<string, decimal>(),
                    [Inputs.FoundByInternalControl, Inputs.Late],
                    [new(0.20m, 10), new(0.15m, 8), new(0.10m, 6), new(0.05m, 4), new(0m, 2, Exclusive: true)]),
            ]),
        ],
        PenaltyCap: 5, Decimals: 2,
        [new(90, "высокоэффективно", "highly effective"), new(70, "эффективно", "effective"), new(50, "умеренно эффективно", "moderately effective"),
         new(0, "неэффективно", "ineffective")],
        new SurveyRules(SatisfiedMeans.TopBox, Surveys.RankingRule.ByTopBoxShare));
}
