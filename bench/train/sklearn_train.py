"""scikit-learn's side of `npm run bench -- train`: times the equivalent pipelines' fit.

Reads a JSON list of jobs on stdin, prints a JSON list of {seconds, iterations} on stdout.
Reading the CSV and deriving datetime parts are not timed, as Gyre's side does not time them.
"""

import json
import sys
import time
import warnings

import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.simplefilter("ignore")  # ConvergenceWarning: the epochs are fixed on purpose


def frame(job):
    data = pd.read_csv(job["file"])
    if job.get("derive"):
        name, source, threshold = job["derive"]
        data[name] = (data[source] > threshold).map({True: "delayed", False: "on time"})
    columns = []
    for column in job["features"]:
        if column in job.get("datetimes", []):
            stamp = pd.to_datetime(data[column], utc=True)
            for part, values in [
                ("year", stamp.dt.year),
                ("month", stamp.dt.month),
                ("day", stamp.dt.day),
                ("weekday", stamp.dt.weekday),
                ("hour", stamp.dt.hour + stamp.dt.minute / 60),
            ]:
                data[f"{column}.{part}"] = values
                columns.append(f"{column}.{part}")
        else:
            columns.append(column)
    return data[columns], data[job["target"]], columns


def estimator(job):
    model = job["model"]
    if model == "ridge":
        return Ridge()
    if model == "logistic":
        return LogisticRegression(max_iter=job["max_iter"])
    epochs = job["epochs"]
    cls = MLPClassifier if job["task"] == "classification" else MLPRegressor
    return cls((64,), max_iter=epochs, n_iter_no_change=epochs, random_state=0)


def run(job):
    x, y, columns = frame(job)
    categorical = [c for c in columns if x[c].dtype == object]
    numeric = [c for c in columns if c not in categorical]
    pre = make_column_transformer(
        (make_pipeline(SimpleImputer(), StandardScaler()), numeric),
        (
            make_pipeline(
                SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")
            ),
            categorical,
        ),
    )
    seconds = float("inf")
    for _ in range(job.get("repeat", 1)):
        pipeline = make_pipeline(pre, estimator(job))
        start = time.perf_counter()
        pipeline.fit(x, y)
        seconds = min(seconds, time.perf_counter() - start)
    fitted = pipeline[-1]
    iterations = getattr(fitted, "n_iter_", None)
    if iterations is not None and not isinstance(iterations, int):
        iterations = int(max(iterations))
    return {"seconds": seconds, "iterations": iterations}


print(json.dumps([run(job) for job in json.load(sys.stdin)]))
