%% otp_io_lib: OTP's io_lib helpers: write, print, chars, quoting, fread.
-module(otp_io_lib).
-export([start/0]).

start() ->
    T = {a, "str", <<"bin">>, [1, 2 | 3], 1.5, -7, #{k => v}, 'Quoted atom', <<1:3>>},
    [lists:flatten(io_lib:write(T)), lists:flatten(io_lib:write(T, 3)),
     lists:flatten(io_lib:print(T)), lists:flatten(io_lib:print(T, 1, 20, 5)),
     lists:flatten(io_lib:write_atom('hello world')), lists:flatten(io_lib:write_atom(ok)),
     lists:flatten(io_lib:write_atom('Ünï')), io_lib:write_atom_as_latin1('日'),
     lists:flatten(io_lib:write_string("a\"b\n")), lists:flatten(io_lib:write_string("x", $')),
     lists:flatten(io_lib:write_string_as_latin1("ü日")),
     lists:flatten(io_lib:write_latin1_string("ä\t")),
     lists:flatten(io_lib:write_char($a)), lists:flatten(io_lib:write_char($\n)),
     lists:flatten(io_lib:write_char(16#65E5)), lists:flatten(io_lib:write_char_as_latin1(16#65E5)),
     lists:flatten(io_lib:write_latin1_char($ÿ)),
     io_lib:quote_atom(hello, "hello"), io_lib:quote_atom('Hello', "Hello"),
     io_lib:char_list("abc"), io_lib:char_list([300]), io_lib:deep_char_list(["a", ["b"]]),
     io_lib:deep_char_list([a]), io_lib:printable_list("abc"), io_lib:printable_list([1, 2]),
     io_lib:printable_latin1_list("åäö"), io_lib:printable_unicode_list("日本"),
     io_lib:latin1_char_list("ab"), io_lib:deep_latin1_char_list(["a", [$b]]),
     io_lib:indentation("ab\ncd", 3), io_lib:nl(),
     io_lib:fread("~d ~s", "12 abc rest"), io_lib:fread("~f~a", "1.5x"),
     io_lib:fread("~2d~c", "123"),
     io_lib:fread("~d", "x"), io_lib:fread("~u~#", "12 8#17"),
     io_lib:fread("~8c|~-5s", "abcdefgh|xy"), io_lib:fread("~e", "1.0e2"),
     lists:flatten(io_lib:write([1, [2], {3}], -1)), lists:flatten(io_lib:write("abc")),
     lists:flatten(io_lib:write(<<"é"/utf8>>)), lists:flatten(io_lib:write(1.0e100)),
     lists:flatten(io_lib:write(-0.0)), lists:flatten(io_lib:write(123456789012345678901234567890)),
     lists:flatten(io_lib:write(fun lists:map/2)), lists:flatten(io_lib:write([])),
     lists:flatten(io_lib:format("~w", [[a | b]])),
     io_lib:collect_line([], "ab\ncd", latin1, ignored)].
