%% op_catch_end: runs the catch_end instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_catch_end}.  %% version = 0

{exports, [{f,1},{g,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 22}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"src/op_catch_end.erl",3}]}.
    {func_info,{atom,op_catch_end},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"src/op_catch_end.erl",4}]}.
    {func_info,{atom,op_catch_end},{atom,start},0}.
  {label,4}.
    {move,{literal,[ok,err,exit,throw]},{x,0}}.
    {call_only,1,{f,20}}. % '-start/0-lc$^0/1-0-'/1


{function, g, 1, 6}.
  {label,5}.
    {line,[{location,"src/op_catch_end.erl",5}]}.
    {func_info,{atom,op_catch_end},{atom,g},1}.
  {label,6}.
    {allocate,1,1}.
    {'catch',{y,0},{f,7}}.
    {call,1,{f,10}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[fine]}}]}}.
  {label,7}.
    {catch_end,{y,0}}.
    {test,is_tagged_tuple,{f,8},[{x,0},2,{atom,'EXIT'}]}.
    {get_tuple_element,{x,0},1,{x,1}}.
    {test,is_tuple,{f,8},[{x,1}]}.
    {test,test_arity,{f,8},[{x,1},2]}.
    {get_tuple_element,{x,1},1,{x,2}}.
    {test,is_list,{f,8},[{x,2}]}.
    {test_heap,3,2}.
    {get_tuple_element,{x,1},0,{x,0}}.
    {put_tuple2,{x,0},{list,[{atom,error_with_stack},{x,0}]}}.
    {deallocate,1}.
    return.
  {label,8}.
    {deallocate,1}.
    return.


{function, f, 1, 10}.
  {label,9}.
    {line,[{location,"src/op_catch_end.erl",6}]}.
    {func_info,{atom,op_catch_end},{atom,f},1}.
  {label,10}.
    {select_val,{x,0},
                {f,9},
                {list,[{atom,err},
                       {f,14},
                       {atom,exit},
                       {f,13},
                       {atom,ok},
                       {f,12},
                       {atom,throw},
                       {f,11}]}}.
  {label,11}.
    {move,{atom,ball},{x,0}}.
    {line,[{location,"src/op_catch_end.erl",9}]}.
    {call_ext_only,1,{extfunc,erlang,throw,1}}.
  {label,12}.
    {move,{atom,fine},{x,0}}.
    return.
  {label,13}.
    {move,{atom,bye},{x,0}}.
    {line,[{location,"src/op_catch_end.erl",8}]}.
    {call_ext_only,1,{extfunc,erlang,exit,1}}.
  {label,14}.
    {move,{atom,boom},{x,0}}.
    {line,[{location,"src/op_catch_end.erl",7}]}.
    {call_ext_only,1,{extfunc,erlang,error,1}}.


{function, module_info, 0, 16}.
  {label,15}.
    {line,[]}.
    {func_info,{atom,op_catch_end},{atom,module_info},0}.
  {label,16}.
    {move,{atom,op_catch_end},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 18}.
  {label,17}.
    {line,[]}.
    {func_info,{atom,op_catch_end},{atom,module_info},1}.
  {label,18}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_catch_end},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 20}.
  {label,19}.
    {line,[{location,"src/op_catch_end.erl",4}]}.
    {func_info,{atom,op_catch_end},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,20}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_atom,[err,exit,ok,throw]},nil}}]}}.
    {test,is_nonempty_list,{f,21},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % g/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,20}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,any,nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,21}.
    return.
