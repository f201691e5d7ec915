%% op_bs_skip_bits2: runs the bs_skip_bits2 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_skip_bits2}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_skip_bits2.erl",3}]}.
    {func_info,{atom,op_bs_skip_bits2},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_skip_bits2.erl",4}]}.
    {func_info,{atom,op_bs_skip_bits2},{atom,start},0}.
  {label,4}.
    {move,{literal,[{<<1,2,3,4>>,8},{<<1,2,3,4>>,24},{<<1>>,16}]},{x,0}}.
    {call_only,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_bs_skip_bits2.erl",5}]}.
    {func_info,{atom,op_bs_skip_bits2},{atom,f},2}.
  {label,6}.
    {'%',{var_info,{x,0},[accepts_match_context]}}.
    {test,bs_start_match3,{f,7},2,[{x,0}],{x,0}}.
    {test,bs_skip_bits2,
          {f,7},
          [{x,0},
           {x,1},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_skip_bits2.erl"}]},
                         unsigned,big]}]}.
    {test,bs_get_integer2,
          {f,7},
          1,
          [{x,0},
           {integer,8},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_skip_bits2.erl"}]},
                         unsigned,big]}],
          {x,1}}.
    {test,bs_test_unit,{f,7},[{x,0},8]}.
    {move,{x,1},{x,0}}.
    return.
  {label,7}.
    {move,{atom,nomatch},{x,0}}.
    return.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_bs_skip_bits2},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_bs_skip_bits2},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_bs_skip_bits2},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_skip_bits2},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 13}.
  {label,12}.
    {line,[{location,"op_bs_skip_bits2.erl",4}]}.
    {func_info,{atom,op_bs_skip_bits2},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,13}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_tuple,2,true,
                         #{1 => {t_bitstring,8},2 => {t_integer,{8,24}}}},
                     nil}}]}}.
    {test,is_nonempty_list,{f,14},[{x,0}]}.
    {allocate,2,1}.
    {get_list,{x,0},{x,0},{y,1}}.
    {get_tuple_element,{x,0},0,{x,1}}.
    {get_tuple_element,{x,0},1,{y,0}}.
    {move,{x,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,0},{x,0}}.
    {trim,1,1}.
    {call,2,{f,6}}. % f/2
    {'%',{var_info,{x,0},
                   [{type,{t_union,{t_atom,[nomatch]},
                                   none,
                                   {t_integer,{0,255}},
                                   none,none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[nomatch]},
                         none,
                         {t_integer,{0,255}},
                         none,none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,14}.
    return.
