%% op_is_function2: runs the is_function2 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_is_function2}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 20}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_is_function2.erl",3}]}.
    {func_info,{atom,op_is_function2},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_is_function2.erl",4}]}.
    {func_info,{atom,op_is_function2},{atom,start},0}.
  {label,4}.
    {test_heap,{alloc,[{words,6},{floats,0},{funs,3}]},0}.
    {make_fun3,{f,2},0,0,{x,0},{list,[]}}.
    {make_fun3,{f,16},0,0,{x,1},{list,[]}}.
    {'%',{var_info,{x,1},[{fun_type,{t_integer,{0,0}}}]}}.
    {make_fun3,{f,14},0,0,{x,2},{list,[]}}.
    {'%',{var_info,{x,2},[{fun_type,{t_integer,{2,2}}}]}}.
    {put_list,{x,2},{literal,[fun lists:map/2,a]},{x,2}}.
    {put_list,{x,1},{x,2},{x,1}}.
    {put_list,{x,0},{x,1},{x,0}}.
    {call_only,1,{f,18}}. % '-start/0-lc$^3/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_is_function2.erl",5}]}.
    {func_info,{atom,op_is_function2},{atom,f},1}.
  {label,6}.
    {test,is_function2,{f,7},[{x,0},{integer,2}]}.
    {move,{atom,two},{x,0}}.
    return.
  {label,7}.
    {test,is_function2,{f,8},[{x,0},{integer,0}]}.
    {move,{atom,zero},{x,0}}.
    return.
  {label,8}.
    {move,{atom,other},{x,0}}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_is_function2},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_is_function2},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_is_function2},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_is_function2},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-fun-0-', 2, 14}.
  {label,13}.
    {line,[{location,"op_is_function2.erl",4}]}.
    {func_info,{atom,op_is_function2},{atom,'-start/0-fun-0-'},2}.
  {label,14}.
    {move,{integer,2},{x,0}}.
    return.


{function, '-start/0-fun-1-', 0, 16}.
  {label,15}.
    {line,[{location,"op_is_function2.erl",4}]}.
    {func_info,{atom,op_is_function2},{atom,'-start/0-fun-1-'},0}.
  {label,16}.
    {move,{integer,0},{x,0}}.
    return.


{function, '-start/0-lc$^3/1-0-', 1, 18}.
  {label,17}.
    {line,[{location,"op_is_function2.erl",4}]}.
    {func_info,{atom,op_is_function2},{atom,'-start/0-lc$^3/1-0-'},1}.
  {label,18}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,{t_atom,[a]},none,none,none,{t_fun,any,any,any}},
                     nil}}]}}.
    {test,is_nonempty_list,{f,19},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[other,two,zero]}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,18}}. % '-start/0-lc$^3/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_atom,[other,two,zero]},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,19}.
    return.
