{application, calc,
 [{description, "a calculation engine service: a dispatcher and a pool of engines"},
  {vsn, "1.0"},
  {modules, [calc, calc_sup, calc_dispatch, calc_engine, calc_price]},
  {registered, [calc_sup, calc_dispatch]},
  {applications, [kernel, stdlib]},
  {mod, {calc, []}},
  {env, [{engines, 4}, {max_restarts, 5}, {period, 10}]}]}.
