%% op_func_info: runs the func_info instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_func_info}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 19}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_func_info.erl",3}]}.
    {func_info,{atom,op_func_info},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_func_info.erl",4}]}.
    {func_info,{atom,op_func_info},{atom,start},0}.
  {label,4}.
    {move,{literal,[a,b,1]},{x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_func_info.erl",5}]}.
    {func_info,{atom,op_func_info},{atom,f},1}.
  {label,6}.
    {select_val,{x,0},{f,5},{list,[{atom,a},{f,8},{atom,b},{f,7}]}}.
  {label,7}.
    {move,{atom,is_b},{x,0}}.
    return.
  {label,8}.
    {move,{atom,is_a},{x,0}}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_func_info},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_func_info},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_func_info},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_func_info},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_func_info.erl",4}]}.
    {func_info,{atom,op_func_info},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,{t_atom,[a,b]},none,{t_integer,{1,1}},none,none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,18},[{x,0}]}.
    {allocate,2,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {'try',{y,1},{f,15}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[is_a,is_b]}}]}}.
    {try_end,{y,1}}.
    {move,{x,0},{y,1}}.
    {jump,{f,16}}.
  {label,15}.
    {try_case,{y,1}}.
    {test,is_eq_exact,
          {f,17},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,caught},{x,1}]}}.
    {move,{x,0},{y,1}}.
  {label,16}.
    {move,{y,0},{x,0}}.
    {trim,1,1}.
    {line,[{scope,[0,1]},{location,"op_func_info.erl",4}]}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[is_a,is_b]},
                         none,none,
                         [{{2,{t_atom,[caught]}},
                           {t_tuple,2,true,#{1 => {t_atom,[caught]}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,17}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.
  {label,18}.
    return.
