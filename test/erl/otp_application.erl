%% otp_application: applications, loaded from a spec tuple and from an .app
%% file on the code path (otp_application_file.app), started with their
%% callback module's start/2 and a supervision tree, environment and keys,
%% stopped and unloaded.
-module(otp_application).
-behaviour(application).
-export([start/0, start/2, stop/1, init/1]).

start() ->
    ok = logger:set_primary_config(level, none),
    Spec = {application, otp_app_spec,
            [{description, "from a tuple"}, {vsn, "1.0"}, {modules, [?MODULE]},
             {registered, []}, {applications, [kernel, stdlib]},
             {mod, {?MODULE, [otp_app_spec_sup]}}, {env, [{colour, blue}]}]},
    R1 = application:load(Spec),
    R2 = application:get_env(otp_app_spec, colour),
    R3 = application:start(otp_app_spec),
    R4 = lists:keymember(otp_app_spec, 1, application:which_applications()),
    R5 = is_pid(whereis(otp_app_spec_sup)),
    ok = application:set_env(otp_app_spec, colour, red),
    R6 = application:get_env(otp_app_spec, colour, none),
    R7 = application:get_key(otp_app_spec, vsn),
    R8 = application:stop(otp_app_spec),
    R9 = whereis(otp_app_spec_sup),
    R10 = application:start(otp_app_spec),
    R11 = application:stop(otp_app_spec),
    R12 = application:unload(otp_app_spec),
    R13 = application:get_env(otp_app_spec, colour),
    R14 = element(1, application:start(no_such_app_xyz)),
    %% from otp_application_file.app
    F1 = application:ensure_all_started(otp_application_file),
    F2 = application:get_env(otp_application_file, size),
    F3 = is_pid(whereis(otp_app_file_sup)),
    F4 = application:stop(otp_application_file),
    {R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, F1, F2, F3, F4}.

start(normal, [Name]) -> supervisor:start_link({local, Name}, ?MODULE, []).
stop(_) -> ok.
init([]) -> {ok, {#{strategy => one_for_one}, []}}.
