using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Monitoring.Application.Common;

/// <summary>
/// The checks every input passes before any rule of its own, whatever the command: no control or bidi-override
/// characters (PostgreSQL refuses NUL in jsonb, and U+202E makes an id read differently from what is stored), no
/// broken surrogates, bounded strings and lists, defined enum values, dates in a plausible range, finite and bounded
/// numbers. One walk over the command graph by reflection (cached per type), so a new command or field is covered
/// without writing anything; field-specific rules stay in each command's validator.
/// </summary>
public static class InputHygiene
{
    /// <summary>Free text (names, reasons, summaries).</summary>
    public const int MaxText = 4_000;
    /// <summary>Codes, ids and references: properties named *Code, *Id, *Reference, and the elements of *Codes/*Ids lists.</summary>
    public const int MaxCode = 100;
    public const int MaxItems = 10_000;
    public const decimal MaxMagnitude = 1_000_000_000_000m;
    public static readonly DateOnly Earliest = new(1990, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);
    private const int MaxDepth = 12;

    public static List<(string Field, string Reason)> Check(object? value, string prefix = "")
    {
        var problems = new List<(string, string)>();
        Walk(value, prefix, false, 0, problems);
        return problems;
    }

    /// <summary>Why a string is refused, or null. <paramref name="code"/>: an identifier (no whitespace controls, short).</summary>
    public static string? StringProblem(string s, bool code)
    {
        var max = code ? MaxCode : MaxText;
        return s.Length > max ? $"is {s.Length} characters long; at most {max} allowed" : CharacterProblem(s, multiline: !code);
    }

    /// <summary>Why the characters of a string are refused, or null; <paramref name="multiline"/> allows tabs and line breaks.</summary>
    public static string? CharacterProblem(string s, bool multiline)
    {
        var code = !multiline;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                return $"has a broken character (lone surrogate) at position {i + 1}";
            }
            if (char.IsLowSurrogate(c)) return $"has a broken character (lone surrogate) at position {i + 1}";
            if (char.IsControl(c) && (code || c is not ('\t' or '\n' or '\r')))
                return $"contains a control character (U+{(int)c:X4}) at position {i + 1}";
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' or '\uFEFF')
                return $"contains an invisible direction or format character (U+{(int)c:X4}) at position {i + 1}";
        }
        return null;
    }

    private static bool IsCodeName(string name) =>
        name.EndsWith("Code", StringComparison.Ordinal) || name.EndsWith("Id", StringComparison.Ordinal) ||
        name.EndsWith("Reference", StringComparison.Ordinal) || name.EndsWith("Codes", StringComparison.Ordinal) ||
        name.EndsWith("Ids", StringComparison.Ordinal) || name is "Code" or "Id" or "Reference" or "Services" or "Cases";

    private static void Walk(object? value, string path, bool code, int depth, List<(string, string)> problems)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                if (StringProblem(s, code) is { } why) problems.Add((Field(path), why));
                return;
            case Enum e:
                if (!e.GetType().IsDefined(typeof(FlagsAttribute)) && !Enum.IsDefined(e.GetType(), e))
                    problems.Add((Field(path), $"'{e}' is not one of {string.Join(", ", Enum.GetNames(e.GetType()))}"));
                return;
            case DateOnly d:
                if (d < Earliest || d > Latest) problems.Add((Field(path), $"must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}"));
                return;
            case DateTime dt:
                if (DateOnly.FromDateTime(dt) < Earliest || DateOnly.FromDateTime(dt) > Latest)
                    problems.Add((Field(path), $"must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}"));
                return;
            case DateTimeOffset dto:
                if (DateOnly.FromDateTime(dto.UtcDateTime) < Earliest || DateOnly.FromDateTime(dto.UtcDateTime) > Latest)
                    problems.Add((Field(path), $"must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}"));
                return;
            case decimal m:
                if (Math.Abs(m) > MaxMagnitude) problems.Add((Field(path), $"must be between -{MaxMagnitude} and {MaxMagnitude}"));
                return;
            case double f:
                if (!double.IsFinite(f) || Math.Abs(f) > (double)MaxMagnitude) problems.Add((Field(path), "must be a finite number of sensible size"));
                return;
            case float f:
                if (!float.IsFinite(f) || Math.Abs(f) > (float)MaxMagnitude) problems.Add((Field(path), "must be a finite number of sensible size"));
                return;
            case long l:
                if (Math.Abs((decimal)l) > MaxMagnitude) problems.Add((Field(path), $"must be between -{MaxMagnitude} and {MaxMagnitude}"));
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type == typeof(Guid) || type == typeof(TimeSpan) || type == typeof(TimeOnly)) return;
        if (depth >= MaxDepth)
        {
            problems.Add((Field(path), "is nested too deeply"));
            return;
        }

        if (value is IDictionary dictionary)
        {
            if (dictionary.Count > MaxItems) { problems.Add((Field(path), $"has {dictionary.Count} entries; at most {MaxItems} allowed")); return; }
            foreach (DictionaryEntry entry in dictionary)
            {
                var keyPath = $"{path}[{entry.Key}]";
                if (entry.Key is string k && StringProblem(k, true) is { } why)
                {
                    problems.Add((Field($"{path}[]"), $"a key {why}"));
                    continue;
                }
                Walk(entry.Key is string ? null : entry.Key, keyPath, true, depth + 1, problems);
                Walk(entry.Value, keyPath, false, depth + 1, problems);
            }
            return;
        }
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                if (i >= MaxItems) { problems.Add((Field(path), $"has more than {MaxItems} items")); return; }
                if (item is null && !IsNullableElement(type)) problems.Add((Field($"{path}[{i}]"), "must not be null"));
                else Walk(item, $"{path}[{i}]", code, depth + 1, problems);
                i++;
            }
            return;
        }

        // Only our own records are walked into; framework types are values, not inputs.
        if (type.Namespace?.StartsWith("Monitoring.", StringComparison.Ordinal) != true) return;
        foreach (var (name, get) in PropertiesOf(type))
        {
            object? child;
            try { child = get(value); }
            catch (TargetInvocationException) { continue; } // a computed property that has nothing to say about bad input
            Walk(child, path.Length == 0 ? Camel(name) : $"{path}.{Camel(name)}", IsCodeName(name), depth + 1, problems);
        }
    }

    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Properties = new();
    private static readonly ConcurrentDictionary<Type, bool> NullableElements = new();

    private static (string Name, Func<object, object?> Get)[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<SkipHygieneAttribute>() is null)
            .Select(p => (p.Name, (Func<object, object?>)p.GetValue))
            .ToArray());

    /// <summary>Lists of nullable values (int? scores) may hold nulls; lists of records or strings may not.</summary>
    private static bool IsNullableElement(Type listType) => NullableElements.GetOrAdd(listType, t =>
    {
        var element = t.IsArray ? t.GetElementType() : t.GetInterfaces().Append(t)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element is not null && Nullable.GetUnderlyingType(element) is not null;
    });

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Field(string path) => path.Length == 0 ? "body" : path;
}

/// <summary>A computed property that is not input (walking it would only repeat what its sources already passed).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SkipHygieneAttribute : Attribute;
