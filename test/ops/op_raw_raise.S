%% op_raw_raise: runs the raw_raise instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_raw_raise}.  %% version = 0

{exports, [{f,1},{g,1},{h,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 24}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_raw_raise.erl",3}]}.
    {func_info,{atom,op_raw_raise},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_raw_raise.erl",4}]}.
    {func_info,{atom,op_raw_raise},{atom,start},0}.
  {label,4}.
    {move,{literal,[error,exit,throw,none]},{x,0}}.
    {call_only,1,{f,22}}. % '-start/0-lc$^0/1-0-'/1


{function, g, 1, 6}.
  {label,5}.
    {line,[{location,"op_raw_raise.erl",5}]}.
    {func_info,{atom,op_raw_raise},{atom,g},1}.
  {label,6}.
    {allocate,3,1}.
    {init_yregs,{list,[{y,0},{y,1}]}}.
    {'try',{y,2},{f,7}}.
    {call,1,{f,9}}. % h/1
    {'%',{var_info,{x,0},[{type,{t_atom,[ok]}}]}}.
    {try_end,{y,2}}.
    {deallocate,3}.
    return.
  {label,7}.
    {try_case,{y,2}}.
    {move,{x,1},{y,0}}.
    {move,{x,0},{y,1}}.
    {move,{x,2},{x,0}}.
    build_stacktrace.
    {test_heap,4,1}.
    {bif,is_list,{f,0},[{x,0}],{x,0}}.
    {put_tuple2,{x,0},{list,[{y,1},{y,0},{x,0}]}}.
    {deallocate,3}.
    return.


{function, h, 1, 9}.
  {label,8}.
    {line,[{location,"op_raw_raise.erl",6}]}.
    {func_info,{atom,op_raw_raise},{atom,h},1}.
  {label,9}.
    {allocate,1,1}.
    {'try',{y,0},{f,10}}.
    {call,1,{f,12}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[ok]}}]}}.
    {try_end,{y,0}}.
    {deallocate,1}.
    return.
  {label,10}.
    {try_case,{y,0}}.
    {test_heap,3,3}.
    {put_tuple2,{x,1},{list,[{atom,re},{x,1}]}}.
    raw_raise.
    {deallocate,1}.
    return.


{function, f, 1, 12}.
  {label,11}.
    {line,[{location,"op_raw_raise.erl",7}]}.
    {func_info,{atom,op_raw_raise},{atom,f},1}.
  {label,12}.
    {select_val,{x,0},
                {f,11},
                {list,[{atom,error},
                       {f,16},
                       {atom,exit},
                       {f,15},
                       {atom,none},
                       {f,14},
                       {atom,throw},
                       {f,13}]}}.
  {label,13}.
    {move,{atom,t},{x,0}}.
    {line,[{location,"op_raw_raise.erl",9}]}.
    {call_ext_only,1,{extfunc,erlang,throw,1}}.
  {label,14}.
    {move,{atom,ok},{x,0}}.
    return.
  {label,15}.
    {move,{atom,x},{x,0}}.
    {line,[{location,"op_raw_raise.erl",8}]}.
    {call_ext_only,1,{extfunc,erlang,exit,1}}.
  {label,16}.
    {move,{atom,e},{x,0}}.
    {line,[{location,"op_raw_raise.erl",7}]}.
    {call_ext_only,1,{extfunc,erlang,error,1}}.


{function, module_info, 0, 18}.
  {label,17}.
    {line,[]}.
    {func_info,{atom,op_raw_raise},{atom,module_info},0}.
  {label,18}.
    {move,{atom,op_raw_raise},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 20}.
  {label,19}.
    {line,[]}.
    {func_info,{atom,op_raw_raise},{atom,module_info},1}.
  {label,20}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_raw_raise},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 22}.
  {label,21}.
    {line,[{location,"op_raw_raise.erl",4}]}.
    {func_info,{atom,op_raw_raise},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,22}.
    {'%',{var_info,{x,0},
                   [{type,{t_list,{t_atom,[error,exit,none,throw]},nil}}]}}.
    {test,is_nonempty_list,{f,23},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % g/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,
                     {t_atom,[ok]},
                     none,none,
                     {t_tuple,3,true,
                         #{1 => {t_atom,[error,exit,throw]},
                           3 => {t_atom,[false,true]}}},
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,22}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[ok]},
                         none,none,
                         {t_tuple,3,true,
                             #{1 => {t_atom,[error,exit,throw]},
                               3 => {t_atom,[false,true]}}},
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,23}.
    return.
