%% op_bs_init_writable: runs the bs_init_writable instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_init_writable}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 18}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_init_writable.erl",3}]}.
    {func_info,{atom,op_bs_init_writable},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_init_writable.erl",4}]}.
    {func_info,{atom,op_bs_init_writable},{atom,start},0}.
  {label,4}.
    {move,{literal,[[1,2,3],[],[255,256]]},{x,0}}.
    {call_only,1,{f,16}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_bs_init_writable.erl",5}]}.
    {func_info,{atom,op_bs_init_writable},{atom,f},1}.
  {label,6}.
    {gc_bif,length,{f,7},1,[{x,0}],{x,1}}.
    {allocate,1,2}.
    {move,{x,0},{y,0}}.
    {move,{x,1},{x,0}}.
    bs_init_writable.
    {move,{x,0},{x,1}}.
    {move,{y,0},{x,0}}.
    {call_last,2,{f,13},1}. % '-f/1-lbc$^0/2-0-'/2
  {label,7}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,bad_generator},{x,0}]}}.
    {call_ext_only,1,{extfunc,erlang,error,1}}.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_bs_init_writable},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_bs_init_writable},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_bs_init_writable},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_init_writable},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-f/1-lbc$^0/2-0-', 2, 13}.
  {label,12}.
    {line,[{location,"op_bs_init_writable.erl",5}]}.
    {func_info,{atom,op_bs_init_writable},{atom,'-f/1-lbc$^0/2-0-'},2}.
  {label,13}.
    {'%',{var_info,{x,0},[{type,{t_list,any,nil}}]}}.
    {test,is_nonempty_list,{f,14},[{x,0}]}.
    {get_list,{x,0},{x,2},{x,0}}.
    {bs_create_bin,{f,0},
                   0,3,1,
                   {x,1},
                   {list,[{atom,private_append},
                          1,1,nil,
                          {x,1},
                          {atom,all},
                          {atom,integer},
                          2,1,nil,
                          {x,2},
                          {integer,8}]}}.
    {call_only,2,{f,13}}. % '-f/1-lbc$^0/2-0-'/2
  {label,14}.
    {move,{x,1},{x,0}}.
    return.


{function, '-start/0-lc$^0/1-0-', 1, 16}.
  {label,15}.
    {line,[{location,"op_bs_init_writable.erl",4}]}.
    {func_info,{atom,op_bs_init_writable},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,16}.
    {'%',{var_info,{x,0},
                   [{type,{t_list,{t_list,{t_integer,{1,256}},nil},nil}}]}}.
    {test,is_nonempty_list,{f,17},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,16}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,any,nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,17}.
    return.
