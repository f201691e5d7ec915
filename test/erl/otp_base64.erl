%% otp_base64: OTP's base64 module: encode/decode of lists and binaries,
%% every padding length, mime decoding and malformed input.
-module(otp_base64).
-export([start/0]).

start() ->
    Bins = [<<>>, <<"f">>, <<"fo">>, <<"foo">>, <<"foob">>, <<"fooba">>, <<"foobar">>,
            list_to_binary(lists:seq(0, 255))],
    Enc = [base64:encode(B) || B <- Bins],
    [Enc, [base64:decode(E) || E <- Enc] =:= Bins,
     [base64:encode_to_string(B) || B <- lists:sublist(Bins, 7)],
     base64:decode("Zm9vYmFy"), base64:decode_to_string(<<"Zm9vYg==">>),
     base64:mime_decode(<<"Zm9v\r\nYmFy">>),
     base64:mime_decode_to_string("Zm9 vYg=="), base64:encode("text"),
     c(fun() -> base64:decode(<<"Zm9v!">>) end),
     c(fun() -> base64:decode(<<"Zm9">>) end), base64:decode(<<"Zm8=">>),
     byte_size(base64:encode(binary:copy(<<"abc">>, 10000))),
     erlang:md5(base64:decode(base64:encode(binary:copy(<<1, 2, 3, 4, 5>>, 3001))))].

c(F) ->
    try F() catch C:R -> {C, R} end.
