using System.Text;
using CsCheck;
using CyDef.Stix.Json;

namespace CyDef.Stix.Tests.Json;

/// <summary>Positions count characters (not bytes), lines and columns, over text of any script, in pieces or whole.</summary>
public sealed class TextPositionTests
{
    private static readonly Gen<string> Text = Gen.String[Gen.OneOf(
        Gen.Char['a', 'z'], Gen.Const('\n'), Gen.Char['\u00e0', '\u00ff'], Gen.Char['\u0410', '\u044f'], Gen.Char['\u4e00', '\u4e40']), 0, 300];

    private static TextPosition Counted(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        var lastNewline = runes.FindLastIndex(r => r.Value == '\n');
        return new TextPosition(runes.Count, 1 + runes.Count(r => r.Value == '\n'), 1 + runes.Count - (lastNewline + 1));
    }

    [Fact]
    public void Advance_RandomText_CountsCharactersLinesAndColumns() =>
        Gen.Select(Text, Text).Sample((first, second) =>
        {
            var whole = TextPosition.Start.Advance(Encoding.UTF8.GetBytes(first + second));

            Assert.Equal(Counted(first + second), whole);
            Assert.Equal(whole, TextPosition.Start.Advance(Encoding.UTF8.GetBytes(first)).Advance(Encoding.UTF8.GetBytes(second)));
        }, iter: 2000);
}
