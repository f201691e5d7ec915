%% op_bs_get_tail: runs the bs_get_tail instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_get_tail}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_get_tail.erl",3}]}.
    {func_info,{atom,op_bs_get_tail},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_get_tail.erl",4}]}.
    {func_info,{atom,op_bs_get_tail},{atom,start},0}.
  {label,4}.
    {move,{literal,[<<1,2,3,4>>,<<"hello">>,<<1:4>>,<<>>,<<5,3:2>>]},{x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_bs_get_tail.erl",5}]}.
    {func_info,{atom,op_bs_get_tail},{atom,f},2}.
  {label,6}.
    {'%',{var_info,{x,0},[accepts_match_context]}}.
    {test,bs_start_match3,{f,8},2,[{x,0}],{x,2}}.
    {test,bs_get_integer2,
          {f,7},
          3,
          [{x,2},
           {integer,8},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_get_tail.erl"}]},
                         unsigned,big]}],
          {x,0}}.
    {gc_bif,'+',{f,0},3,[{x,1},{tr,{x,0},{t_integer,{0,255}}}],{x,1}}.
    {move,{x,2},{x,0}}.
    {call_only,2,{f,6}}. % f/2
  {label,7}.
    {bs_get_tail,{x,2},{x,0},3}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{x,1},{x,0}]}}.
    return.
  {label,8}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{x,1},{x,0}]}}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_bs_get_tail},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_bs_get_tail},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_bs_get_tail},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_get_tail},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_bs_get_tail.erl",4}]}.
    {func_info,{atom,op_bs_get_tail},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_bitstring,2},nil}}]}}.
    {test,is_nonempty_list,{f,15},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {move,{integer,0},{x,1}}.
    {call,2,{f,6}}. % f/2
    {'%',{var_info,{x,0},[{type,{t_tuple,2,true,#{}}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',{var_info,{x,0},[{type,{t_list,{t_tuple,2,true,#{}},nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
