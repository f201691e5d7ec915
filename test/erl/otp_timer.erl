%% otp_timer: OTP's timer module, unmodified: apply_after, send_interval,
%% cancel and kill_after go through the timer_server it starts under
%% kernel_sup; erlang:garbage_collect/0,1.
-module(otp_timer).
-export([start/0, hit/1]).
start() ->
    Self = self(),
    {ok, T1} = timer:apply_after(10, ?MODULE, hit, [Self]),
    A = receive hit -> hit after 500 -> none end,
    {ok, T2} = timer:send_interval(10, tick),
    B = [receive tick -> tick after 500 -> none end || _ <- [1, 2, 3]],
    {ok, cancel} = timer:cancel(T2),
    _ = T1,
    C = timer:kill_after(10000),
    {A, B, element(1, C), garbage_collect(), garbage_collect(self())}.
hit(P) -> P ! hit.
