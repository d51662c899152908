using System.Collections.Frozen;

namespace CyDef.Stix.Validation;

/// <summary>
/// The primary language subtags an RFC 5646 tag may start with: ISO 639-1 codes and the ISO 639-2 codes of
/// the same languages (RFC 5646 §2.2.1 takes its two- and three-letter subtags from them). A tag with any
/// other primary subtag is well-formed but not valid (RFC 5646 §2.2.9).
/// </summary>
internal static class LanguageSubtags
{
    private static readonly FrozenSet<string> Primary = string.Join(' ',
        // ISO 639-1
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu",
        "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn",
        "ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os",
        "pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw",
        "ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu",
        // ISO 639-2 (terminology and bibliographic) codes of the languages above
        "aar abk ave afr aka amh arg ara asm ava aym aze bak bel bul bih bis bam ben bod tib bre bos cat che cha cos cre ces cze chu chv",
        "cym wel dan deu ger div dzo ewe ell gre eng epo spa est eus baq fas per ful fin fij fao fra fre fry gle gla glg grn guj glv hau",
        "heb hin hmo hrv hat hun hye arm her ina ind ile ibo iii ipk ido isl ice ita iku jpn jav kat geo kon kik kua kaz kal khm kan kor",
        "kau kas kur kom cor kir lat ltz lug lim lin lao lit lub lav mlg mah mri mao mkd mac mal mon mar msa may mlt mya bur nau nob nde",
        "nep ndo nld dut nno nor nbl nav nya oci oji orm ori oss pan pli pol pus por que roh run ron rum rus kin san srd snd sme sag sin",
        "slk slo slv smo sna som sqi alb srp ssw sot sun swe swa tam tel tgk tha tir tuk tgl tsn ton tur tso tat twi tah uig ukr urd uzb",
        "ven vie vol wln wol xho yid yor zha zho chi zul",
        // ISO 639-2 collective and special codes, and widely used languages without a two-letter code
        "mul und zxx mis ast ceb haw hmn yue cmn nds gsw fil frr sco syr tet")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    public static bool IsRegistered(string subtag) => Primary.Contains(subtag.ToLowerInvariant());
}
