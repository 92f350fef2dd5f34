# The provisioned server of the benchmarks that need one (load.sh, scale.sh, cluster.sh): sourced
# (`. src/test/bench/server.sh`) from the project directory with PORT_OFFSET and OUT set, and SERVER_DB=postgres for
# a server on PostgreSQL (default h2). Sets HTTP_PORT, DATA (OUT/data) and SERVER_PID; defines
#   prepare_server                   build and provision (with -Ppostgres when SERVER_DB=postgres) when the WAR is older
#                                    than the sources or target/server was provisioned for the other database, fail if
#                                    HTTP_PORT is taken, print the machine, java and load average
#   stop_pid PID WHAT                stop the process PID (SIGTERM, SIGKILL after 60 s) if it runs
#   await_server VAR WHAT PIDFILE PORT USER PASSWORD LOG
#                                    wait (bounded) for a server's JVM pid in PIDFILE, set the variable VAR to it at
#                                    once (so that an exit trap can stop it), then wait (bounded) until GET /api/jobs on
#                                    127.0.0.1:PORT answers USER; exit naming LOG when it does not come up
#   add_app_user USER PASSWORD ROLE  add USER to the server's application realm (bin/add-user.sh) when it is missing
#   start_server HEAP USER PASSWORD [standalone.sh options]
#                                    start the server with a fresh data directory on 127.0.0.1 and the port offset,
#                                    console to OUT/server.out; wait (bounded) until GET /api/jobs answers USER; the
#                                    server is stopped by its pid when the script ends (also on error or Ctrl-C), and
#                                    the data directory removed unless KEEP=1
HTTP_PORT=$((8080 + PORT_OFFSET))
DATA="$OUT/data"
SERVER_PID=

prepare_server() {
    # the postgres profile provisions the PostgreSQL datasource and deploys the driver beside the WAR
    profile=
    [ "${SERVER_DB:-h2}" = postgres ] && profile=-Ppostgres
    provisioned=
    [ -f target/server/standalone/deployments/postgresql.jar ] && provisioned=-Ppostgres
    if [ ! -f target/server/standalone/deployments/eobatch.war ] || [ ! -x target/server/bin/standalone.sh ] \
            || [ "$profile" != "$provisioned" ] \
            || [ -n "$(find src/main pom.xml batch-jobs wildfly-config -newer target/server/standalone/deployments/eobatch.war -type f 2>/dev/null | head -1)" ]; then
        echo "building and provisioning the server (mvn -B -o ${profile:+$profile }package -DskipTests)"
        mvn -B -o -q $profile package -DskipTests
    fi
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT/"; then
        echo "something already listens on 127.0.0.1:$HTTP_PORT: choose another PORT_OFFSET" >&2
        exit 1
    fi
    echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g'), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
    echo "output: $OUT"
}

add_app_user() {
    if ! grep -q "^$1=" target/server/standalone/configuration/application-users.properties 2>/dev/null; then
        target/server/bin/add-user.sh -a -s -u "$1" -p "$2" -g "$3"
    fi
}

stop_pid() {
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        echo "stopping $2 (pid $1)"
        kill "$1"
        i=0
        while kill -0 "$1" 2>/dev/null && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
        kill -0 "$1" 2>/dev/null && kill -9 "$1" || true
    fi
}

stop_server() {
    stop_pid "$SERVER_PID" "the server"
    if [ "${KEEP:-0}" != 1 ]; then rm -rf "$DATA"; fi
}

start_server() {
    heap=$1 user=$2 password=$3
    shift 3
    rm -rf "$DATA"
    mkdir -p "$DATA"
    pidfile="$OUT/server.pid"
    rm -f "$pidfile"
    trap stop_server EXIT
    trap 'exit 130' INT TERM
    # standalone.conf takes the heap from JBOSS_JAVA_SIZING; LAUNCH_JBOSS_IN_BACKGROUND + JBOSS_PIDFILE give the JVM's pid
    EOBATCH_DATA_DIR="$DATA" JBOSS_JAVA_SIZING="-Xms64m $heap" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$pidfile" \
        target/server/bin/standalone.sh -b 127.0.0.1 -bmanagement 127.0.0.1 \
        -Djboss.socket.binding.port-offset="$PORT_OFFSET" "$@" >"$OUT/server.out" 2>&1 &
    await_server SERVER_PID server "$pidfile" "$HTTP_PORT" "$user" "$password" "$OUT/server.out"
}

await_server() {
    var=$1 what=$2 pidfile=$3 port=$4 user=$5 password=$6 log=$7
    i=0
    until [ -s "$pidfile" ]; do
        i=$((i + 1)); [ $i -gt 60 ] && { echo "no pid of the $what after 60 s, see $log" >&2; exit 1; }; sleep 1
    done
    pid=$(cat "$pidfile")
    eval "$var=$pid"
    echo "$what pid $pid, http://127.0.0.1:$port"
    i=0
    until curl -s -o /dev/null -f --max-time 5 -u "$user:$password" "http://127.0.0.1:$port/api/jobs"; do
        i=$((i + 1))
        [ $i -gt 240 ] && { echo "$what not up after 240 s, see $log" >&2; exit 1; }
        kill -0 "$pid" 2>/dev/null || { echo "$what died, see $log" >&2; exit 1; }
        sleep 1
    done
    echo "$what up after ${i} s"
}
