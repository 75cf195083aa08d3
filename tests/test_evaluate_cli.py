"""The scoring command keeps the test part honest: it never lists the test part's errors."""

from __future__ import annotations

import pytest

from bilat.evaluate.__main__ import main


@pytest.mark.parametrize("part", ["test", "all"])
def test_errors_are_listed_for_the_tuning_part_only(part, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--part", part, "--errors", "5", "--what", "articles"])
    assert exc.value.code == 2
    assert "tuning part only" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--part", "test"], ["--part", "all"],
                                  ["--part", "tune", "--events", "rules"]])
def test_out_of_fold_scores_the_tuning_part_with_the_classifier_only(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*args, "--out-of-fold", "--what", "articles"])
    assert exc.value.code == 2
    assert "--out-of-fold" in capsys.readouterr().err


def test_each_text_is_processed_with_the_model_of_the_folds_that_did_not_see_it(monkeypatch):
    from bilat import learn
    from bilat.extract import classify
    from bilat.pipeline import Pipeline
    from bilat.record import Article

    active: dict[str, object] = {}
    monkeypatch.setattr(classify, "override", lambda model: active.update(model=model))

    def process_many(self, items):
        for a in items:
            a.extra["model"] = active["model"]
            yield a

    monkeypatch.setattr(Pipeline, "process_many", process_many)
    models = [f"model of fold {k}" for k in range(learn.FOLDS)]
    texts = [Article(id=f"s{i}", text="A sentence.") for i in range(40)]
    group = {f"s{i}": f"article{i // 4}" for i in range(40)}.__getitem__
    done = learn.process_out_of_fold(texts, models, group)
    assert set(done) == {a.id for a in texts}
    for a in texts:
        assert done[a.id].extra["model"] == models[learn._fold(group(a.id))]
    assert len({done[a.id].extra["model"] for a in texts}) > 1
    assert active["model"] is False  # the shipped model again afterwards
