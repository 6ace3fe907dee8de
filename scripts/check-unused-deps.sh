#!/usr/bin/env bash
# Fails when a crate declares a dependency that none of its sources name. A plain text
# check (no compiler, no install): a dependency counts as used when `name::`, `use name`
# or `extern crate name` appears in the crate's src, tests, examples or benches. Crates
# used only through a feature or a macro's expansion go in ALLOW below, with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."

# crate:dependency pairs that are used without being named in the code.
ALLOW=" "

status=0
for manifest in crates/*/Cargo.toml; do
    dir="$(dirname "$manifest")"
    crate="$(basename "$dir")"
    for section in dependencies dev-dependencies; do
        deps="$(sed -n "/^\[$section\]/,/^\[/p" "$manifest" | grep -E '^[a-z]' | cut -d' ' -f1 || true)"
        for dep in $deps; do
            name="${dep//-/_}"
            [[ "$ALLOW" == *" $crate:$dep "* ]] && continue
            if ! grep -rqE "\b$name(::|\s*\{|;)|extern crate $name|use $name\b" \
                "$dir/src" "$dir/tests" "$dir/examples" "$dir/benches" 2>/dev/null; then
                echo "unused $section of $crate: $dep (remove it from $manifest)"
                status=1
            fi
        done
    done
done
exit $status
