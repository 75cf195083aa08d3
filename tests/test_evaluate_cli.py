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


def test_the_tuning_halves_split_the_tuning_part_and_hold_no_test_text():
    from bilat.evaluate.split import in_part

    ids = [f"rnd-{i:03d}" for i in range(400)] + [f"reuters21578-{i}" for i in range(400)]
    tune = {i for i in ids if in_part(i, "tune")}
    a, b = ({i for i in ids if in_part(i, h)} for h in ("tune-A", "tune-B"))
    assert a and b and not a & b and a | b == tune
    assert not (a | b) & {i for i in ids if in_part(i, "test")}
    assert all(in_part(i, "all") and in_part(i, None) for i in ids)


@pytest.mark.parametrize("part", ["tune-A", "tune-B"])
def test_a_tuning_half_may_list_errors_and_score_out_of_fold(part, monkeypatch):
    from bilat.evaluate import __main__ as cli

    seen = {}
    monkeypatch.setattr(cli.articles, "evaluate",
                        lambda gold, shared, part_, process: seen.update(part=part_) or (
                            cli.articles.Report(), []))
    monkeypatch.setattr("bilat.learn.cached_fold_models", lambda shared, path: [])
    assert main(["--part", part, "--errors", "3", "--out-of-fold", "--what", "articles",
                 "--json"]) == 0
    assert seen["part"] == part


def test_fold_models_are_a_cache_of_out_of_fold_only(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--part", "tune", "--fold-models", "folds.pkl", "--what", "articles"])
    assert exc.value.code == 2
    assert "--out-of-fold" in capsys.readouterr().err


def test_fold_models_are_trained_once_then_read(monkeypatch, tmp_path):
    from bilat import learn

    trained = []
    monkeypatch.setattr(learn, "fold_sentence_models",
                        lambda shared: trained.append(1) or ["fold 0", "fold 1"])
    path = tmp_path / "folds.pkl"
    assert learn.cached_fold_models(tmp_path, path) == ["fold 0", "fold 1"]
    assert learn.cached_fold_models(tmp_path, path) == ["fold 0", "fold 1"]
    assert len(trained) == 1 and path.exists()
    assert learn.cached_fold_models(tmp_path, None) == ["fold 0", "fold 1"]
    assert len(trained) == 2  # no file given: trained every time
