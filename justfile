# Mirrors ./dev (which works without just installed).
default: serve

serve:
    ./dev serve

test:
    ./dev test

build:
    ./dev build

bench:
    ./dev bench

setup:
    ./dev setup
