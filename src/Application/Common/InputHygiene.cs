using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
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

    public static List<(string Field, string Reason)> Check(object? value)
    {
        var problems = new List<(string, string)>();
        Walk(value, "", "", false, 0, problems);
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

    // Every answer of a million-row import passes here: what can be known of a type is worked out once (compiled
    // getters, enum values, what to walk into), and a field's path is only spelt out when something is wrong with it.

    private enum Shape { Leaf, Dictionary, List, Record, Opaque }

    private sealed record Member(string Name, bool Code, Func<object, object?> Get);

    private sealed record TypeInfo(Shape Shape, Member[] Members, bool NullableElements, HashSet<object>? EnumValues, string? EnumNames);

    private static readonly ConcurrentDictionary<Type, TypeInfo> Types = new();

    private static TypeInfo InfoOf(Type type) => Types.GetOrAdd(type, static t =>
    {
        if (t.IsEnum)
            return new TypeInfo(Shape.Leaf, [], false,
                t.IsDefined(typeof(FlagsAttribute), false) ? null : Enum.GetValues(t).Cast<object>().ToHashSet(),
                string.Join(", ", Enum.GetNames(t)));
        if (t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(TimeSpan) || t == typeof(TimeOnly)
            || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
            return new TypeInfo(Shape.Leaf, [], false, null, null);
        if (typeof(IDictionary).IsAssignableFrom(t)) return new TypeInfo(Shape.Dictionary, [], false, null, null);
        if (typeof(IEnumerable).IsAssignableFrom(t))
        {
            var element = t.IsArray ? t.GetElementType() : t.GetInterfaces().Append(t)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            return new TypeInfo(Shape.List, [], element is not null && Nullable.GetUnderlyingType(element) is not null, null, null);
        }
        // Only our own records are walked into; framework types are values, not inputs.
        if (t.Namespace?.StartsWith("Monitoring.", StringComparison.Ordinal) != true) return new TypeInfo(Shape.Opaque, [], false, null, null);
        var members = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p =>
            {
                var instance = Expression.Parameter(typeof(object));
                var get = Expression.Lambda<Func<object, object?>>(
                    Expression.Convert(Expression.Property(Expression.Convert(instance, t), p), typeof(object)), instance).Compile();
                return new Member(Camel(p.Name), IsCodeName(p.Name), get);
            })
            .ToArray();
        return new TypeInfo(Shape.Record, members, false, null, null);
    });

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static void Walk(object? value, string parent, string name, bool code, int depth, List<(string, string)> problems)
    {
        string Here() => Field(name.Length == 0 ? parent : Join(parent, name));
        switch (value)
        {
            case null:
                return;
            case string s:
                if (StringProblem(s, code) is { } why) problems.Add((Here(), why));
                return;
            case Enum e:
                var info = InfoOf(e.GetType());
                if (info.EnumValues is not null && !info.EnumValues.Contains(e)) problems.Add((Here(), $"'{e}' is not one of {info.EnumNames}"));
                return;
            case DateOnly or DateTime or DateTimeOffset:
                var date = value switch
                {
                    DateOnly d => d,
                    DateTime dt => DateOnly.FromDateTime(dt),
                    _ => DateOnly.FromDateTime(((DateTimeOffset)value).UtcDateTime),
                };
                if (date < Earliest || date > Latest) problems.Add((Here(), $"must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}"));
                return;
            case decimal or long:
                if (Math.Abs(Convert.ToDecimal(value)) > MaxMagnitude) problems.Add((Here(), $"must be between -{MaxMagnitude} and {MaxMagnitude}"));
                return;
            // A float widens to double exactly, and no float lies between (float)MaxMagnitude and MaxMagnitude.
            case double or float:
                var f = Convert.ToDouble(value);
                if (!double.IsFinite(f) || Math.Abs(f) > (double)MaxMagnitude) problems.Add((Here(), "must be a finite number of sensible size"));
                return;
        }

        var type = InfoOf(value.GetType());
        if (type.Shape is Shape.Leaf or Shape.Opaque) return;
        if (depth >= MaxDepth)
        {
            problems.Add((Here(), "is nested too deeply"));
            return;
        }
        var path = name.Length == 0 ? parent : Join(parent, name);
        switch (type.Shape)
        {
            case Shape.Dictionary:
                var dictionary = (IDictionary)value;
                if (dictionary.Count > MaxItems) { problems.Add((Field(path), $"has {dictionary.Count} entries; at most {MaxItems} allowed")); return; }
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is string k && StringProblem(k, true) is { } why) { problems.Add((Field($"{path}[]"), $"a key {why}")); continue; }
                    if (entry.Key is not (string or Enum) || entry.Key is Enum && InfoOf(entry.Key.GetType()).EnumValues is { } keys && !keys.Contains(entry.Key))
                        Walk(entry.Key, $"{path}[{entry.Key}]", "", true, depth + 1, problems);
                    // Scores and flags (primitives) need no look; anything else is walked with its key in the path.
                    if (entry.Value is not null && !entry.Value.GetType().IsPrimitive)
                        Walk(entry.Value, $"{path}[{entry.Key}]", "", false, depth + 1, problems);
                }
                return;
            case Shape.List:
                var i = 0;
                foreach (var item in (IEnumerable)value)
                {
                    if (i >= MaxItems) { problems.Add((Field(path), $"has more than {MaxItems} items")); return; }
                    if (item is null) { if (!type.NullableElements) problems.Add((Field($"{path}[{i}]"), "must not be null")); }
                    else if (item is not Enum || InfoOf(item.GetType()).EnumValues is { } values && !values.Contains(item))
                        Walk(item, $"{path}[{i}]", "", code, depth + 1, problems);
                    i++;
                }
                return;
            case Shape.Record:
                foreach (var member in type.Members)
                {
                    object? child;
                    try { child = member.Get(value); }
                    catch (Exception) { continue; } // a computed property that has nothing to say about bad input
                    if (child is not null) Walk(child, path, member.Name, member.Code, depth + 1, problems);
                }
                return;
        }
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Field(string path) => path.Length == 0 ? "body" : path;
}
