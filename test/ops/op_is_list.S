%% op_is_list: runs the is_list instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_is_list}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 17}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_is_list.erl",3}]}.
    {func_info,{atom,op_is_list},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_is_list.erl",4}]}.
    {func_info,{atom,op_is_list},{atom,start},0}.
  {label,4}.
    {allocate,4,0}.
    {init_yregs,{list,[{y,0},{y,1},{y,2}]}}.
    {bif,self,{f,0},[],{y,3}}.
    {call_ext,0,{extfunc,erlang,make_ref,0}}.
    {test_heap,{alloc,[{words,0},{floats,0},{funs,2}]},1}.
    {make_fun3,{f,2},0,0,{y,2},{list,[]}}.
    {make_fun3,{f,13},0,0,{y,1},{list,[]}}.
    {'%',{var_info,{y,1},[{fun_type,{t_atom,[ok]}}]}}.
    {move,{x,0},{y,0}}.
    {move,{literal,<<131,102,100,0,13,110,111,110,111,100,101,64,110,111,104,
                     111,115,116,0,0,0,1,0>>},
          {x,0}}.
    {call_ext,1,{extfunc,erlang,binary_to_term,1}}.
    {test_heap,36,1}.
    {put_list,{x,0},nil,{x,0}}.
    {put_list,{literal,fun lists:map/2},{x,0},{x,0}}.
    {put_list,{y,1},{x,0},{x,0}}.
    {put_list,{y,2},{x,0},{x,0}}.
    {put_list,{literal,#{k => v}},{x,0},{x,0}}.
    {put_list,{literal,{a,b}},{x,0},{x,0}}.
    {put_list,{literal,{}},{x,0},{x,0}}.
    {put_list,{literal,<<1:3>>},{x,0},{x,0}}.
    {put_list,{literal,<<1>>},{x,0},{x,0}}.
    {put_list,{literal,[1|2]},{x,0},{x,0}}.
    {put_list,nil,{x,0},{x,0}}.
    {put_list,{y,0},{x,0},{x,0}}.
    {put_list,{y,3},{x,0},{x,0}}.
    {put_list,{atom,true},{x,0},{x,0}}.
    {put_list,{atom,abc},{x,0},{x,0}}.
    {put_list,{float,2.5},{x,0},{x,0}}.
    {put_list,{integer,-1208925819614629174706176},{x,0},{x,0}}.
    {put_list,{integer,1},{x,0},{x,0}}.
    {call_last,1,{f,15},4}. % '-start/0-lc$^2/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_is_list.erl",5}]}.
    {func_info,{atom,op_is_list},{atom,f},1}.
  {label,6}.
    {test,is_list,{f,7},[{x,0}]}.
    {move,{atom,yes},{x,0}}.
    return.
  {label,7}.
    {move,{atom,no},{x,0}}.
    return.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_is_list},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_is_list},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_is_list},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_is_list},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-fun-0-', 0, 13}.
  {label,12}.
    {line,[{location,"op_is_list.erl",4}]}.
    {func_info,{atom,op_is_list},{atom,'-start/0-fun-0-'},0}.
  {label,13}.
    {move,{atom,ok},{x,0}}.
    return.


{function, '-start/0-lc$^2/1-0-', 1, 15}.
  {label,14}.
    {line,[{location,"op_is_list.erl",4}]}.
    {func_info,{atom,op_is_list},{atom,'-start/0-lc$^2/1-0-'},1}.
  {label,15}.
    {'%',{var_info,{x,0},[{type,{t_list,any,nil}}]}}.
    {test,is_nonempty_list,{f,16},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',{var_info,{x,0},[{type,{t_atom,[no,yes]}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,15}}. % '-start/0-lc$^2/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_atom,[no,yes]},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,16}.
    return.
