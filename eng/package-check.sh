#!/usr/bin/env bash
# Package check: packs every package of the repository into a temporary feed, then builds and runs small consumer apps
# (eng/consumers/) outside the repository from those packages alone, as a user meets them:
#   PoolApp     framework-dependent, self-contained, single-file and Native AOT: the thread pool and the process pool
#               must work in each and exit cleanly (the app calls the worker hook; in Native AOT the package's source
#               generator supplies the functions and JSON metadata, so the publish has no trim or AOT warnings).
#   HostApp     an Orleans silo and a ClusterExecutor client in one process, and a keyed thread pool from
#               Futures.Hosting that the host shuts down.
#   flags       `dotnet tool install --tool-path` gives the Native AOT executable on linux-x64, which runs against its
#               own embedded server; flags.any (the fallback) runs with `dotnet flags.dll`.
# Each check is written to TestResults/PackageCheck.trx (counted by .ci/run) and printed; exit 1 if any failed.
# Every command is bounded by `timeout`. Usage: eng/package-check.sh [results.trx]
# PACKAGE_CHECK_FEED=DIR skips packing and checks the packages already in DIR (for working on the consumer apps);
# PACKAGE_CHECK_KEEP=DIR packs into DIR and keeps it.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
results=${1:-$repo/TestResults/PackageCheck.trx}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/package-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
feed=${PACKAGE_CHECK_FEED:-${PACKAGE_CHECK_KEEP:-$work/feed}}
logs=$work/logs
mkdir -p "$feed" "$logs" "$(dirname "$results")"

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n 1)
orleans=$(sed -n 's:.*Include="Microsoft.Orleans.Server" Version="\([^"]*\)".*:\1:p' "$repo/Directory.Packages.props")
started=$SECONDS

# --- results -------------------------------------------------------------------------------------------------------
names=()
outcomes=()
messages=()
check() { # check NAME PASSED(0 passed, 1 failed, 2 known bug: counted apart, as not executed) MESSAGE
    names+=("$1")
    case $2 in 0) outcomes+=(Passed) ;; 2) outcomes+=(NotExecuted) ;; *) outcomes+=(Failed) ;; esac
    messages+=("$3")
    printf '  %-6s %s%s\n' "$(case $2 in 0) echo ok ;; 2) echo KNOWN ;; *) echo FAILED ;; esac)" "$1" "${3:+: $3}"
}
timings=()
run() { # run NAME SECONDS COMMAND...: logs to $logs/NAME.log, records the time, returns the command's status
    local name=$1 limit=$2 t0=$SECONDS status
    shift 2
    timeout "$limit" "$@" >"$logs/$name.log" 2>&1
    status=$?
    timings+=("$name $((SECONDS - t0))s")
    if [ "$status" -ne 0 ]; then
        echo "  $name exited with $status$([ "$status" -eq 124 ] && echo " (timed out after $limit)"); last lines:"
        tail -n 15 "$logs/$name.log" | sed 's/^/    /'
    fi
    return "$status"
}
xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }
write_results() {
    local passed=0 failed=0 known=0 i
    for i in "${!outcomes[@]}"; do
        case ${outcomes[$i]} in Passed) passed=$((passed + 1)) ;; NotExecuted) known=$((known + 1)) ;; *) failed=$((failed + 1)) ;; esac
    done
    {
        echo '<?xml version="1.0" encoding="utf-8"?>'
        echo '<TestRun name="eng/package-check.sh" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">'
        echo '  <Results>'
        for i in "${!names[@]}"; do
            echo "    <UnitTestResult testName=\"PackageCheck.$(xml "${names[$i]}")\" outcome=\"${outcomes[$i]}\"><Output><StdOut>$(xml "${messages[$i]}")</StdOut></Output></UnitTestResult>"
        done
        echo '  </Results>'
        echo "  <ResultSummary outcome=\"$([ "$failed" -eq 0 ] && echo Completed || echo Failed)\">"
        echo "    <Counters total=\"$((passed + failed + known))\" executed=\"$((passed + failed))\" passed=\"$passed\" failed=\"$failed\" notExecuted=\"$known\" />"
        echo '  </ResultSummary>'
        echo '</TestRun>'
    } >"$results"
    echo "Package check: $passed passed, $failed failed, $known known bugs (not counted) in $((SECONDS - started)) s ($(IFS=,; echo "${timings[*]}" | sed 's/,/, /g'))."
    [ "$failed" -eq 0 ]
}

# --- pack ----------------------------------------------------------------------------------------------------------
pack_ok=0
if [ -z "${PACKAGE_CHECK_FEED:-}" ]; then
    echo "Package check: packing $version into $feed"
    # The libraries in one build: a solution of the packable library projects.
    {
        echo '<Solution>'
        for project in Futures Futures.Orleans Futures.Hosting; do echo "  <Project Path=\"$repo/src/$project/$project.csproj\" />"; done
        echo '</Solution>'
    } >"$work/libraries.slnx"
    run pack-libraries 8m dotnet pack "$work/libraries.slnx" -c Release -o "$feed" || pack_ok=1
    # The flags tool as .NET 10 packs platform-specific tools: the Native AOT linux-x64 package, the
    # framework-dependent fallback and the pointer package (see src/Flags/Flags.csproj).
    run pack-flags-linux-x64 10m dotnet pack "$repo/src/Flags" -c Release -r linux-x64 -o "$feed" || pack_ok=1
    run pack-flags-any 5m dotnet pack "$repo/src/Flags" -c Release -r any -p:PublishAot=false -o "$feed" || pack_ok=1
    # The pointer package holds no code: it needs the restore of the packs above, not a build.
    run pack-flags 5m dotnet pack "$repo/src/Flags" -c Release --no-build -o "$feed" || pack_ok=1
else
    echo "Package check: the packages in $feed"
fi
for package in Futures.$version.nupkg Futures.$version.snupkg Futures.Orleans.$version.nupkg Futures.Orleans.$version.snupkg \
    Futures.Hosting.$version.nupkg Futures.Hosting.$version.snupkg \
    flags.$version.nupkg flags.linux-x64.$version.nupkg flags.any.$version.nupkg flags.any.$version.snupkg; do
    [ -f "$feed/$package" ] || pack_ok=1
done
check "pack: every package and symbols package" "$pack_ok" "$(cd "$feed" && ls | tr '\n' ' ')"

# A snupkg per library, and no unused files in the tool packages.
entries() { unzip -Z1 "$feed/$1" 2>/dev/null; }
unused=$(for p in flags.linux-x64.$version.nupkg flags.any.$version.nupkg; do entries "$p" | grep -v -E '(DotnetToolSettings|\[Content_Types\])\.xml$' | grep -E '(\.xml|Futures\.Worker\..*|\.dbg)$' | sed "s|^|$p:|"; done)
check "pack: no XML docs, worker host or native symbols in the tool packages" "$([ -z "$unused" ] && [ -n "$(entries "flags.any.$version.nupkg")" ] && echo 0 || echo 1)" "$unused"
# The listing is read whole before grep: `unzip | grep -q` under pipefail fails whenever grep's early exit
# gives unzip a SIGPIPE, which made this check pass or fail by timing.
futures_entries=$(entries "Futures.$version.nupkg")
check "pack: Futures carries its source generator as an analyzer" \
    "$(grep -qx 'analyzers/dotnet/cs/Futures.Generators.dll' <<<"$futures_entries" && echo 0 || echo 1)" ""
for package in Futures.Orleans Futures.Hosting; do
    nuspec=$(unzip -p "$feed/$package.$version.nupkg" '*.nuspec' 2>/dev/null)
    check "pack: $package depends on exactly Futures $version" "$(grep -q "id=\"Futures\" version=\"\[$version\]\"" <<<"$nuspec" && echo 0 || echo 1)" ""
done

# --- consumers: their own folder, nuget.config and package folder ------------------------------------------------
# nuget.config adds the feed to the user's normal sources; packages restore into $work/packages, with the machine's
# global folder as a fallback so that third-party packages are not fetched again. Ours must come from the feed: a
# stale copy of this version in the global folder would shadow it, which the "from the feed" check catches.
global=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
export NUGET_PACKAGES=$work/packages
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="package-check" value="$feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="global" value="$global" />
  </fallbackPackageFolders>
</configuration>
EOF
cp -r "$repo/eng/consumers/PoolApp" "$repo/eng/consumers/HostApp" "$work/"
props=(-p:FuturesVersion="$version" -p:OrleansVersion="$orleans")

# One restore brings every package the four PoolApp publishes need (the RID-specific assets, runtime packs and the
# AOT compiler included) into the package folder; each publish then only rewrites the assets file for its settings.
if run restore-PoolApp 5m dotnet restore "$work/PoolApp" -p:RuntimeIdentifiers=linux-x64 -p:PublishAot=true "${props[@]}"; then
    restored=0
else
    restored=1
fi
check "restore: Futures $version from the feed" "$([ "$restored" -eq 0 ] && [ -d "$NUGET_PACKAGES/futures/$version" ] && echo 0 || echo 1)" \
    "$([ -d "$NUGET_PACKAGES/futures/$version" ] || echo "not restored into $NUGET_PACKAGES: remove a stale $global/futures/$version")"

# A clean PATH for the RID-specific apps: they are for machines without .NET, so no dotnet to fall back on.
no_dotnet_path=$(tr ':' '\n' <<<"$PATH" | grep -v -x -F "$(dirname "$(command -v dotnet)")" | paste -s -d ':')
pool_mode() { # pool_mode NAME NO-DOTNET PUBLISH-ARGS...: NO-DOTNET 1, the app is for machines without .NET, so it
    # runs with no dotnet on PATH (its pool's workers must be its own executable); 0, it runs as built
    local name=$1 strict=$2 out=$work/out/$1 output status
    local runner=(env)
    [ "$strict" -eq 1 ] && runner=(env -u DOTNET_ROOT -u DOTNET_HOST_PATH PATH="$no_dotnet_path")
    shift 2
    if ! run "publish-$name" 10m dotnet publish "$work/PoolApp" -c Release -o "$out" "${props[@]}" "$@"; then
        check "PoolApp $name: publish" 1 "see the log above"
        return
    fi
    output=$(timeout 90s "${runner[@]}" "$out/PoolApp" 2>&1)
    status=$?
    echo "$output" >"$logs/run-$name.log"
    check "PoolApp $name: ThreadPoolExecutor works" "$(grep -qx 'threads: ok' <<<"$output" && echo 0 || echo 1)" "$(head -n 1 <<<"$output")"
    local processes
    processes=$(grep '^processes: ' <<<"$output")
    check "PoolApp $name: ProcessPoolExecutor works" "$(grep -q '^processes: ok' <<<"$processes" && echo 0 || echo 1)" "$processes"
    # The package's source generator at work: without it a Native AOT publish warns (IL2026/IL3050) or the pool refuses.
    local warnings
    warnings=$(grep -o 'warning \(IL[0-9]*\|FUT[0-9]*\)[^[]*' "$logs/publish-$name.log" | sort -u | head -n 3)
    check "PoolApp $name: publish without trim, AOT or Futures warnings" "$([ -z "$warnings" ] && echo 0 || echo 1)" "$warnings"
    check "PoolApp $name: exits cleanly" "$([ "$status" -eq 0 ] && echo 0 || echo 1)" \
        "$([ "$status" -eq 124 ] && echo "hung: killed after 90 s" || echo "exit code $status")"
}

mkdir -p "$work/out"
if [ "$restored" -eq 0 ]; then
    pool_mode framework-dependent 0
    pool_mode self-contained 1 -r linux-x64 --self-contained -p:PublishAot=false
    pool_mode single-file 1 -r linux-x64 --self-contained -p:PublishAot=false -p:PublishSingleFile=true
    pool_mode native-aot 1 -r linux-x64 -p:PublishAot=true
fi

# --- HostApp: Orleans silo + ClusterExecutor client in one process, and an executor from Futures.Hosting -----------
if run build-HostApp 5m dotnet build "$work/HostApp" -c Release -o "$work/out/host" "${props[@]}"; then
    output=$(timeout 120s "$work/out/host/HostApp" 2>&1)
    status=$?
    echo "$output" >"$logs/run-host.log"
    check "HostApp: Orleans silo and ClusterExecutor client in one process" "$(grep -qx 'cluster: ok' <<<"$output" && echo 0 || echo 1)" \
        "$(grep '^cluster: ' <<<"$output" | head -n 1 | cut -c1-300)"
    check "HostApp: keyed executor from Futures.Hosting, shut down with the host" "$(grep -qx 'hosting: ok' <<<"$output" && echo 0 || echo 1)" \
        "$(grep '^hosting: ' <<<"$output" | head -n 1)"
    check "HostApp: exits cleanly" "$([ "$status" -eq 0 ] && echo 0 || echo 1)" \
        "$([ "$status" -eq 124 ] && echo "hung: killed after 120 s" || echo "exit code $status")"
else
    check "HostApp: build" 1 "see the log above"
fi

# --- the flags tool -------------------------------------------------------------------------------------------------
tools=$work/tools
if run tool-install 3m dotnet tool install flags --version "$version" --tool-path "$tools" --configfile "$work/nuget.config"; then
    target=$(readlink -f "$tools/flags")
    check "flags tool: the linux-x64 Native AOT executable is installed" \
        "$([[ "$target" == */flags.linux-x64/*/tools/any/linux-x64/flags ]] && [ ! -e "$(dirname "$target")/flags.dll" ] && echo 0 || echo 1)" "$target"
    output=$(cd "$work" && timeout 60s "$tools/flags" -s LOCAL BR CN IN -o "$work/flags-native" 2>&1)
    status=$?
    check "flags tool: flags -s LOCAL BR CN IN downloads 3 flags" \
        "$([ "$status" -eq 0 ] && grep -q '3 flags downloaded' <<<"$output" && [ "$(ls "$work/flags-native" | wc -l)" -eq 3 ] && echo 0 || echo 1)" \
        "exit code $status; $(grep 'downloaded' <<<"$output" | head -n 1)"
else
    check "flags tool: dotnet tool install" 1 "see the log above"
fi
# The fallback for platforms without a native package: framework-dependent, run as `dotnet flags.dll`.
mkdir -p "$work/flags-any"
if unzip -q "$feed/flags.any.$version.nupkg" -d "$work/flags-any" 2>/dev/null; then
    output=$(cd "$work" && timeout 60s dotnet "$work/flags-any/tools/net10.0/any/flags.dll" -s LOCAL BR -o "$work/flags-jit" 2>&1)
    status=$?
    check "flags.any (fallback): dotnet flags.dll -s LOCAL BR downloads 1 flag" \
        "$([ "$status" -eq 0 ] && [ -f "$work/flags-jit/br.gif" ] && echo 0 || echo 1)" "exit code $status; $(grep 'downloaded' <<<"$output" | head -n 1)"
else
    check "flags.any (fallback): package" 1 "flags.any.$version.nupkg missing"
fi

write_results
