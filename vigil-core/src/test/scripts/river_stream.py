#!/usr/bin/python3
"""The example stream of river's ADWIN and PageHinkley documentation:
random.Random(12345), 1,000 draws from {0, 1} then 1,000 from 4..7. River documents ADWIN firing at
index 1023 and Page-Hinkley at 1006 on it. Writes vigil-core/src/test/resources/drift/river_stream.csv.
"""
import random
rng = random.Random(12345)
data = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
with open("vigil-core/src/test/resources/drift/river_stream.csv", "w") as f:
    f.write("x\n")
    for v in data:
        f.write(f"{v}\n")
