%% bif_pid_text: pids and references from their text (list_to_pid,
%% list_to_ref) and back: round trips, and text that is not one.
-module(bif_pid_text).
-export([start/0]).
start() ->
    P = self(),
    R = make_ref(),
    {P =:= list_to_pid(pid_to_list(P)),
     R =:= list_to_ref(ref_to_list(R)),
     pid_to_list(list_to_pid("<0.77.0>")),
     [bad(fun() -> list_to_pid(S) end)
      || S <- ["<0.5.0", "<0.5.0>x", "< 0.5.0>", "<0.-5.0>", "<0.5>", "<0..0>", "",
               "0.5.0>", "<0.5.0.0>", "<0.5.0> ", "<0.+5.0>", <<"<0.5.0>">>, atom]],
     [bad(fun() -> list_to_ref(S) end)
      || S <- ["#Ref<0.1.2.3", "Ref<0.1.2.3>", "#Ref<0.1.2.x>", "#Ref<0.1.2.3>z", "#Ref<0.-1.2.3>"]]}.

bad(F) -> try F(), ok catch error:badarg -> badarg end.
