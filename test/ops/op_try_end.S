%% op_try_end: runs the try_end instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_try_end}.  %% version = 0

{exports, [{f,1},{g,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 21}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_try_end.erl",3}]}.
    {func_info,{atom,op_try_end},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_try_end.erl",4}]}.
    {func_info,{atom,op_try_end},{atom,start},0}.
  {label,4}.
    {move,{literal,[ok,err,exit,throw]},{x,0}}.
    {call_only,1,{f,19}}. % '-start/0-lc$^0/1-0-'/1


{function, g, 1, 6}.
  {label,5}.
    {line,[{location,"op_try_end.erl",5}]}.
    {func_info,{atom,op_try_end},{atom,g},1}.
  {label,6}.
    {allocate,1,1}.
    {'try',{y,0},{f,7}}.
    {call,1,{f,9}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[fine]}}]}}.
    {try_end,{y,0}}.
    {move,{literal,{value,fine}},{x,0}}.
    {deallocate,1}.
    return.
  {label,7}.
    {try_case,{y,0}}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{x,0},{x,1}]}}.
    {deallocate,1}.
    return.


{function, f, 1, 9}.
  {label,8}.
    {line,[{location,"op_try_end.erl",6}]}.
    {func_info,{atom,op_try_end},{atom,f},1}.
  {label,9}.
    {select_val,{x,0},
                {f,8},
                {list,[{atom,err},
                       {f,13},
                       {atom,exit},
                       {f,12},
                       {atom,ok},
                       {f,11},
                       {atom,throw},
                       {f,10}]}}.
  {label,10}.
    {move,{atom,ball},{x,0}}.
    {line,[{location,"op_try_end.erl",9}]}.
    {call_ext_only,1,{extfunc,erlang,throw,1}}.
  {label,11}.
    {move,{atom,fine},{x,0}}.
    return.
  {label,12}.
    {move,{atom,bye},{x,0}}.
    {line,[{location,"op_try_end.erl",8}]}.
    {call_ext_only,1,{extfunc,erlang,exit,1}}.
  {label,13}.
    {move,{atom,boom},{x,0}}.
    {line,[{location,"op_try_end.erl",7}]}.
    {call_ext_only,1,{extfunc,erlang,error,1}}.


{function, module_info, 0, 15}.
  {label,14}.
    {line,[]}.
    {func_info,{atom,op_try_end},{atom,module_info},0}.
  {label,15}.
    {move,{atom,op_try_end},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 17}.
  {label,16}.
    {line,[]}.
    {func_info,{atom,op_try_end},{atom,module_info},1}.
  {label,17}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_try_end},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 19}.
  {label,18}.
    {line,[{location,"op_try_end.erl",4}]}.
    {func_info,{atom,op_try_end},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,19}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_atom,[err,exit,ok,throw]},nil}}]}}.
    {test,is_nonempty_list,{f,20},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % g/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_tuple,2,true,
                     #{1 => {t_atom,[error,exit,throw,value]}}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,19}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_tuple,2,true,
                         #{1 => {t_atom,[error,exit,throw,value]}}},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,20}.
    return.
