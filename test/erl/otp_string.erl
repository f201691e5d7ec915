%% otp_string: OTP's string module (and unicode_util under it) on latin1,
%% unicode, grapheme clusters, binaries and deep chardata.
-module(otp_string).
-export([start/0]).

start() ->
    U = "héllo wörld ☃ 日本語",
    B = <<"  Hello, World  "/utf8>>,
    Deep = ["ab", [<<"cd">>, $e], <<"fg"/utf8>>],
    [string:length(U), string:length("e\x{301}a"), string:length(<<"åäö"/utf8>>),
     string:uppercase(U), string:lowercase("ÅÄÖ ABC"), string:titlecase("élan vital"),
     string:casefold("Straße ΣΑΣ"), string:uppercase(<<"straße"/utf8>>),
     string:trim(B), string:trim(B, leading), string:trim(B, trailing),
     string:trim("xxabcxx", both, "x"), string:trim("\t\r\n abc \r\n"),
     string:pad("abc", 7), string:pad("abc", 7, leading, $.), string:pad("abc", 8, both, "-"),
     string:pad("日本", 5, trailing, $*),
     string:split("a,b,,c", ","), string:split("a,b,,c", ",", all),
     string:split("a,b,,c", ",", trailing),
     string:split(<<"k=v=w">>, "="), string:lexemes("  a  b c ", " "),
     string:lexemes(<<"1;2;;3">>, ";"),
     string:lexemes("a\r\nb\nc", "\r\n"),
     string:find(U, "wö"), string:find(U, "o", trailing), string:find("abc", "z"),
     string:replace("a-b-c", "-", "+"), string:replace("a-b-c", "-", "+", all),
     string:slice(U, 2, 5), string:slice(<<"abcdef">>, 3), string:reverse(U),
     string:reverse("e\x{301}x"), string:equal("abc", <<"abc">>), string:equal("ABC", "abc", true),
     string:equal("Å", "A\x{30A}", false, nfc), string:is_empty(""), string:is_empty([[], <<>>]),
     string:prefix("foobar", "foo"), string:prefix("foobar", "bar"), string:take("aaabc", "a"),
     string:take("aaabc", "c", true), string:take("abcaa", "a", false, trailing),
     string:next_grapheme(U), string:next_grapheme("e\x{301}x"),
     string:next_codepoint(<<"ä"/utf8>>),
     string:to_graphemes("e\x{301}\r\nx"), string:chomp("line\r\n"), string:chomp(<<"x\n">>),
     string:to_integer("123abc"), string:to_integer(<<"-45">>), string:to_integer("x"),
     string:to_float("1.5e3z"), string:to_float("2,0"), string:to_float(<<"3.25">>),
     string:nth_lexeme("a b c", 2, " "),
     unicode:characters_to_nfd_list("Åström"), unicode:characters_to_nfc_list("A\x{30A}"),
     unicode:characters_to_nfkc_list("ﬁ①"), unicode:characters_to_nfkd_binary(<<"ﬀ"/utf8>>),
     string:length(Deep), string:uppercase(Deep), string:trim(Deep, both, "ag"),
     %% the old (obsolete) API
     string:tokens("a b,c", " ,"), string:join(["x", "y"], "--"), string:str("hello", "ll"),
     string:rstr("hello", "l"), string:chr("hello", $l), string:rchr("hello", $l),
     string:substr("hello", 2, 3), string:sub_string("hello", 2), string:strip("  x  "),
     string:strip("..x..", right, $.), string:left("ab", 5, $.), string:right("ab", 5),
     string:centre("ab", 6), string:copies("ab", 3), string:words("a b  c"),
     string:sub_word("a b c", 2), string:to_upper("abc"), string:to_lower($A),
     string:span("aab", "a"),
     string:cspan("aab", "b"), string:len("four"), string:concat("a", "b"),
     graphemes(), numbers()].

numbers() ->
    L = ["123abc", "-45", "+7x", "-", "+", "x", "", "007", "12345678901234567890123x", " 1",
         [$1 | x], [$1, 300], "1.5e3z", "2,0", "3.25", "1e5", "1.", "1.e5", ".5", "-1.5E-3x",
         "1.5e", "1.5e+", "1.5e+2.", "+0.0", "1.0e400", "00.10", "1.5e-400", "-0.0"],
    [{string:list_to_integer(S), string:list_to_float(S), string:to_integer(S), string:to_float(S)}
     || S <- L] ++ [string:list_to_integer(a), string:list_to_float(<<"1">>),
                    string:to_integer(<<"12ab">>), string:to_float(<<"-1.25e2 ">>),
                    string:to_integer(["1", <<"2">>, "3x"]), string:to_float(<<"1.5"/utf16>>)].

%% Grapheme clusters: combining marks, emoji with ZWJ and modifiers, flags,
%% Hangul syllables and jamo, CR LF, prepend and spacing marks.
graphemes() ->
    Samples = ["👨‍👩‍👧‍👦x", "👍🏽!", "🇸🇪🇫🇮", "한국어", [16#1100, 16#1161, 16#11A8, $a], "\r\n\n",
               "e\x{301}\x{302}", "नमस्ते", "ﾃｽﾄ", "𝔘𝔫𝔦", [$a, 16#200D, $b], "Ǆǅǆ", "ﬃ"],
    [{string:length(S), string:to_graphemes(S), string:reverse(S), string:slice(S, 1, 2),
      string:uppercase(S), string:titlecase(S), string:casefold(S),
      unicode:characters_to_nfd_list(S), unicode:characters_to_nfkc_list(S),
      string:next_grapheme(unicode:characters_to_binary(S))}
     || S <- Samples].
