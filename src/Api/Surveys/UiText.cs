namespace Monitoring.Api.Surveys;

/// <summary>The texts of the survey pages (UiText.resx Russian, UiText.kk.resx, UiText.en.resx).</summary>
public sealed class UiText;
