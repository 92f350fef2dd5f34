#!/usr/bin/python3
"""Runs a Python script REPS times inside one interpreter (after one untimed run) and prints the mean wall-clock
milliseconds per run, then the mean CPU milliseconds (time.process_time: all threads of the process) per run: the
script's own work without interpreter start-up and module imports.
usage: gdal_inprocess.py REPS script.py ARGS..."""
import io, runpy, sys, time, contextlib
reps, script, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def once():
    sys.argv = [script] + args
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(script, run_name='__main__')
once()
t, c = time.perf_counter(), time.process_time()
for _ in range(reps):
    once()
print('%.4f %.4f' % ((time.perf_counter() - t) * 1000 / reps, (time.process_time() - c) * 1000 / reps))
