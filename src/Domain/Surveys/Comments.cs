using System.Globalization;

namespace Monitoring.Domain.Surveys;

/// <summary>The rules a respondent's free-text comment (verbatim) is held to, whichever way it arrives.</summary>
public static class Comments
{
    public const int MaxLength = 4_000;

    /// <summary>
    /// Why a comment is refused, or null. People write paragraphs, so tabs and line breaks are kept; any other control
    /// character is refused (PostgreSQL refuses NUL, and the rest only hide text from whoever reads it).
    /// </summary>
    public static string? Problem(string comment)
    {
        if (comment.Length > MaxLength) return $"is {comment.Length} characters long; at most {MaxLength} allowed";
        if (string.IsNullOrWhiteSpace(comment)) return "must not be blank (leave it out when the respondent wrote nothing)";
        var at = comment.AsSpan().IndexOfAnyExcept(Allowed);
        return at < 0 ? null : $"contains a control character (U+{(int)comment[at]:X4}) at position {at + 1}";
    }

    // Every character but the control ones other than tab, line feed and carriage return.
    private static readonly System.Buffers.SearchValues<char> Allowed = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i)
            .Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray());

    /// <summary>A comment as stored: surrounding whitespace dropped, and nothing (null) when nothing was written.</summary>
    public static string? Normalise(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

    /// <summary>
    /// The words of a text as theme keywords are matched against them: runs of letters, digits and combining marks, lower
    /// case (invariant), with "ё" read as "е" (Russian writes either). Calls <paramref name="word"/> with each, in a buffer
    /// reused for the next: nothing is allocated per word.
    /// </summary>
    public static void Words(ReadOnlySpan<char> text, Span<char> buffer, WordAction word)
    {
        var length = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsWordChar(text[i]))
            {
                if (length < buffer.Length) buffer[length++] = Fold(text[i]);
                continue;
            }
            if (length > 0) word(buffer[..length]);
            length = 0;
        }
    }

    public delegate void WordAction(ReadOnlySpan<char> word);

    /// <summary>A keyword folded as <see cref="Words"/> folds the text it is matched against.</summary>
    public static string Fold(string keyword) => string.Create(keyword.Length, keyword, (span, k) =>
    {
        for (var i = 0; i < k.Length; i++) span[i] = Fold(k[i]);
    });

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static char Fold(char c) => char.ToLowerInvariant(c) is var lower && lower == 'ё' ? 'е' : lower;
}
