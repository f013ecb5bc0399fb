#!/usr/bin/env bash
# ./test.sh: what CI runs after installing packages. Makes sure the images the tests boot are in
# the cache (images/get --all: fetched or built only when missing), then builds and runs every
# test with `mvn -B verify`, and prints Surefire's summary per module.
#
# Tests that need an image, a cross compiler or qemu-user skip themselves when it is missing,
# so a failed image fetch here is a warning, not the end: the summary shows what was skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

echo "== images"
if ! images/get --all; then
    echo "test.sh: warning: some images could not be fetched; the tests that need them will skip" >&2
fi

echo "== mvn -B verify"
rc=0
mvn -B -ntp verify || rc=$?

echo "== Surefire summary"
total_tests=0 total_fail=0 total_err=0 total_skip=0
for module_reports in */target/surefire-reports; do
    [ -d "$module_reports" ] || continue
    # Each TEST-*.xml opens with <testsuite ... tests="N" errors="N" skipped="N" failures="N">.
    read -r tests fail err skip < <(
        sed -n 's/.*<testsuite \(.*\)>.*/\1/p' "$module_reports"/TEST-*.xml 2>/dev/null | awk '
            { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); v[kv[1]] += kv[2] } }
            END { printf "%d %d %d %d\n", v["tests"], v["failures"], v["errors"], v["skipped"] }')
    printf '%-16s tests %5d  failures %3d  errors %3d  skipped %3d\n' "${module_reports%%/*}" \
        "$tests" "$fail" "$err" "$skip"
    total_tests=$((total_tests + tests)) total_fail=$((total_fail + fail))
    total_err=$((total_err + err)) total_skip=$((total_skip + skip))
done
printf '%-16s tests %5d  failures %3d  errors %3d  skipped %3d\n' total \
    "$total_tests" "$total_fail" "$total_err" "$total_skip"
[ "$rc" = 0 ] && echo "== result: PASS" || echo "== result: FAIL (mvn exit $rc)"
exit "$rc"
