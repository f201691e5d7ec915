%% prim_eval: the selective receive of erl_eval. 'receive'(F, T) offers each
%% message of the queue, oldest first, to F; the first one for which F does
%% not return nomatch is removed and F's result returned. When none does,
%% it waits for new messages, for T milliseconds at most (or infinity),
%% and then returns timeout. The cursor primitives are BIFs (bif/prim_eval.c).
-module(prim_eval).
-export(['receive'/2]).

'receive'(F, T) when T =:= infinity; is_integer(T), T >= 0 ->
    prim_eval:scan_begin(),
    Deadline = case T of
                   infinity -> infinity;
                   _ -> erlang:monotonic_time(millisecond) + T
               end,
    scan(F, Deadline);
'receive'(_F, T) ->
    erlang:error(timeout_value, [T]).

scan(F, Deadline) ->
    case prim_eval:scan_peek() of
        {Msg} ->
            case F(Msg) of
                nomatch ->
                    prim_eval:scan_skip(),
                    scan(F, Deadline);
                Result ->
                    prim_eval:scan_take(),
                    Result
            end;
        none ->
            wait(F, Deadline)
    end.

%% Every queued message has been offered: wait for one more.
wait(F, Deadline) ->
    Left = case Deadline of
               infinity -> infinity;
               _ -> max(0, Deadline - erlang:monotonic_time(millisecond))
           end,
    prim_eval:scan_seek(),
    receive
        Msg ->
            case F(Msg) of
                nomatch ->
                    prim_eval:scan_put_back(Msg),
                    scan(F, Deadline);
                Result ->
                    prim_eval:scan_end(),
                    Result
            end
    after Left ->
        prim_eval:scan_end(),
        timeout
    end.
