%% error_logger: OTP's old logging API, in place of kernel's module (which
%% reaches application_controller's ETS tables). Everything goes to the
%% small logger of this folder.
-module(error_logger).
-export([error_msg/1, error_msg/2, format/2, error_report/1, error_report/2,
         warning_msg/1, warning_msg/2, warning_report/1, warning_report/2,
         info_msg/1, info_msg/2, info_report/1, info_report/2,
         get_format_depth/0, limit_term/1, add_report_handler/1, add_report_handler/2,
         delete_report_handler/1, tty/1, logfile/1, warning_map/0]).

error_msg(Format) -> error_msg(Format, []).
error_msg(Format, Args) -> logger:log(error, Format, Args).
format(Format, Args) -> error_msg(Format, Args).
error_report(Report) -> logger:log(error, Report, #{}).
error_report(_Type, Report) -> error_report(Report).
warning_msg(Format) -> warning_msg(Format, []).
warning_msg(Format, Args) -> logger:log(warning, Format, Args).
warning_report(Report) -> logger:log(warning, Report, #{}).
warning_report(_Type, Report) -> warning_report(Report).
info_msg(Format) -> info_msg(Format, []).
info_msg(Format, Args) -> logger:log(info, Format, Args).
info_report(Report) -> logger:log(info, Report, #{}).
info_report(_Type, Report) -> info_report(Report).
get_format_depth() -> unlimited.
limit_term(Term) -> Term.
add_report_handler(_) -> ok.
add_report_handler(_, _) -> ok.
delete_report_handler(_) -> ok.
tty(_) -> ok.
logfile(_) -> {error, enotsup}.
warning_map() -> warning.
