"""Request bodies for a service serving the reference teacher (benchmarks/service-load.sh, startup.sh).

Usage: python3 benchmarks/reference-fixtures.py WORK   (the teacher in WORK/teachers/reference)
Writes WORK/mapping.json (user id, genre, popularity, activity from an io.crossdistill.v1.Example record,
the rest defaulted), WORK/alignment.json (every head as is) and WORK/records.jsonl (4,096 records, seeded).
"""
import json
import random
import sys

work = sys.argv[1]
sig = json.load(open(f"{work}/teachers/reference/signature.json"))
rules, ids = [], {}
for i in sig["inputs"]:
    name = i["name"]
    if name in ("user_id", "genre"):
        rules.append({"input": name, "from": f"/idFeatures/{name}"}); ids[name] = i["cardinality"] - 1
    elif name in ("popularity", "user_activity"):
        rules.append({"input": name, "from": f"/floatFeatures/{name}"})
    else:
        rules.append({"input": name, "default": True})
json.dump({"name": "bench", "targetSchema": "io.crossdistill.v1.Example",
           "teacher": {"id": sig["teacherId"]}, "rules": rules}, open(f"{work}/mapping.json", "w"))
tasks = [{"name": h["name"], "kind": "binary" if h["kind"] == "BINARY_LOGIT" else "regression",
          "source": {"type": "head", "head": h["name"]}} for h in sig["heads"]]
json.dump({"name": "bench", "description": "every head as is", "tasks": tasks}, open(f"{work}/alignment.json", "w"))
rnd = random.Random(7)
with open(f"{work}/records.jsonl", "w") as out:
    for n in range(4096):
        out.write(json.dumps({"id": f"r{n}", "domain": "music", "eventTimeMillis": 0,
            "floatFeatures": {"popularity": rnd.gauss(0, 1), "user_activity": rnd.gauss(0, 1)},
            "idFeatures": {k: rnd.randrange(v) for k, v in ids.items()},
            "stringFeatures": {}, "vectorFeatures": {}, "labels": {}}) + "\n")
